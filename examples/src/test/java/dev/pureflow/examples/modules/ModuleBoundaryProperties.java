package dev.pureflow.examples.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleReader;
import java.lang.module.ResolvedModule;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Member;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever member of pureflow's modules code in another module picks, it can reach it by reflection
 * exactly when the member is API: public, in a public type, in an exported package. No package is
 * open, so nothing else can be forced open.
 */
class ModuleBoundaryProperties {

    /** pureflow's modules, loaded once: layers are immutable and the members only read. */
    private static final ModuleLayer PUREFLOW = ModulePath.pureflowLayer();

    @Property(tries = 300)
    void a_member_can_be_opened_from_another_module_exactly_when_it_is_exported_api(@ForAll("members") Member member) {
        Class<?> type = member.getDeclaringClass();
        boolean api = Modifier.isPublic(member.getModifiers())
                && Modifier.isPublic(type.getModifiers())
                && type.getModule().isExported(type.getPackageName());

        assertThat(type.getModule().getLayer()).isSameAs(PUREFLOW);
        assertThat(((AccessibleObject) member).trySetAccessible()).as("%s can be made accessible", member).isEqualTo(api);
    }

    @Provide
    Arbitrary<Member> members() {
        List<Member> members = new ArrayList<>();
        for (String module : ModulePath.API.keySet()) {
            for (Class<?> type : classesOf(module)) {
                members.addAll(List.of(type.getDeclaredConstructors()));
                members.addAll(List.of(type.getDeclaredMethods()));
                members.addAll(List.of(type.getDeclaredFields()));
            }
        }
        assertThat(members).as("members of pureflow's modules").hasSizeGreaterThan(1_000);
        return Arbitraries.of(members);
    }

    private static List<Class<?>> classesOf(String moduleName) {
        ResolvedModule module = PUREFLOW.configuration().findModule(moduleName).orElseThrow();
        ClassLoader loader = PUREFLOW.findLoader(moduleName);
        try (ModuleReader reader = module.reference().open(); Stream<String> entries = reader.list()) {
            return entries.filter(entry -> entry.endsWith(".class") && !entry.equals("module-info.class"))
                    .map(entry -> entry.substring(0, entry.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(name -> load(name, loader))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is listed in its module but does not load", e);
        }
    }
}
