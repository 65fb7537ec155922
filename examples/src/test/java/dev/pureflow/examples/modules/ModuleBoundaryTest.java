package dev.pureflow.examples.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ResolutionException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pureflow's module boundaries, on a module path as a user's modular application has them: each
 * module exports only its API packages, no code outside the dsl module reaches its engine or forges
 * its exceptions, and a user module that only exports its actions gets them rendered, run, recorded
 * and replayed.
 */
class ModuleBoundaryTest {

    /** The engine's exception a user must not be able to make: it would pass for a real step's failure. */
    private static final String FORGER = """
            package dev.pureflow;

            public final class Forger {
                public static Object forge() {
                    return new ActionFailedException(null, 1, new StepKey("main", 0), io.vavr.collection.List.empty(),
                            new IllegalStateException("forged"), Redaction.DEFAULT);
                }
            }
            """;

    @Test
    void each_module_exports_exactly_its_api_packages_to_everyone_and_opens_none() {
        for (Map.Entry<String, Set<String>> module : ModulePath.API.entrySet()) {
            ModuleDescriptor descriptor = ModulePath.finder().find(module.getKey())
                    .orElseThrow(() -> new AssertionError(module.getKey() + " is not on the module path " + ModulePath.entries()))
                    .descriptor();

            assertThat(descriptor.isAutomatic()).as("%s has a module-info", module.getKey()).isFalse();
            assertThat(descriptor.isOpen()).as("%s is an open module", module.getKey()).isFalse();
            assertThat(descriptor.opens()).as("packages %s opens", module.getKey()).isEmpty();
            assertThat(descriptor.exports()).as("qualified exports of %s", module.getKey())
                    .noneMatch(ModuleDescriptor.Exports::isQualified);
            assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                    .as("packages %s exports", module.getKey())
                    .isEqualTo(module.getValue());
        }
    }

    @Test
    void the_readme_install_section_names_each_library_module_and_exactly_what_it_exports() throws Exception {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        Matcher row = Pattern.compile("(?m)^\\| `pureflow-[a-z]+` \\| `([a-z.]+)` \\| ([^|]+) \\|").matcher(readme);
        Map<String, Set<String>> documented = new java.util.HashMap<>();
        while (row.find()) {
            documented.put(row.group(1), Set.of(row.group(2).replace("`", "").split(",\\s*")));
        }

        Map<String, Set<String>> libraries = new java.util.HashMap<>(ModulePath.API);
        libraries.remove("dev.pureflow.examples");
        assertThat(documented).isEqualTo(libraries);
    }

    @Test
    void the_engine_lives_in_the_dsl_modules_core_package() throws ClassNotFoundException {
        ModuleLayer layer = ModulePath.pureflowLayer();
        Module dsl = layer.findModule("dev.pureflow.dsl").orElseThrow();

        for (String engineType : List.of("Fiber", "Frame", "RunContext", "ParallelBlock", "ResultTypes")) {
            assertThat(Class.forName("dev.pureflow." + engineType, false, dsl.getClassLoader()).getModule()).isEqualTo(dsl);
        }
    }

    @Test
    void a_user_module_cannot_compile_a_class_into_the_core_package(@TempDir Path temp) {
        List<String> errors = ModulePath.compile(Map.of(
                        "module-info.java", "module user.forger { requires dev.pureflow.dsl; }",
                        "dev/pureflow/Forger.java", FORGER),
                temp.resolve("forger"), ModulePath.modulePathOption(ModulePath.entries()));

        assertThat(errors).isNotEmpty()
                .anySatisfy(error -> assertThat(error).contains("package exists in another module: dev.pureflow.dsl"));
    }

    @Test
    void a_module_holding_a_class_of_the_core_package_does_not_resolve_beside_the_dsl_module(@TempDir Path temp) {
        Path forger = forgerCompiledOnTheClassPath(temp);
        // its own descriptor, compiled alone: a module that requires the dsl and (by its contents) holds dev.pureflow
        assertThat(ModulePath.compile(Map.of("module-info.java", "module user.forger { requires dev.pureflow.dsl; }"),
                forger, ModulePath.modulePathOption(ModulePath.entries()))).isEmpty();

        assertThatThrownBy(() -> ModulePath.layer(
                        java.lang.module.ModuleFinder.compose(java.lang.module.ModuleFinder.of(forger), ModulePath.finder()),
                        "user.forger"))
                .isInstanceOf(ResolutionException.class)
                .hasMessageContaining("dev.pureflow");
    }

    @Test
    void a_class_path_class_in_the_core_package_cannot_construct_an_action_failed_exception(@TempDir Path temp) throws Exception {
        Path forger = forgerCompiledOnTheClassPath(temp);
        ModuleLayer layer = ModulePath.pureflowLayer();
        ClassLoader pureflow = layer.findLoader("dev.pureflow.dsl");

        try (URLClassLoader userClassPath = new URLClassLoader(new URL[] {forger.toUri().toURL()}, pureflow)) {
            Method forge = userClassPath.loadClass("dev.pureflow.Forger").getMethod("forge");

            assertThatThrownBy(() -> forge.invoke(null))
                    .isInstanceOf(InvocationTargetException.class)
                    .cause().isInstanceOf(IllegalAccessError.class)
                    .hasMessageContaining("dev.pureflow.ActionFailedException");
        }
    }

    @Test
    void action_failed_exception_has_no_constructor_another_module_can_call_or_open() throws Exception {
        ModuleLayer layer = ModulePath.pureflowLayer();
        Class<?> actionFailed = Class.forName("dev.pureflow.ActionFailedException", false, layer.findLoader("dev.pureflow.dsl"));

        assertThat(actionFailed.getConstructors()).as("public constructors").isEmpty();
        assertThat(actionFailed.getDeclaredConstructors()).isNotEmpty()
                .allSatisfy(constructor -> assertThat(constructor.trySetAccessible())
                        .as("%s can be made accessible from outside", constructor).isFalse());
        assertThatThrownBy(() -> {
            Constructor<?> constructor = actionFailed.getDeclaredConstructors()[0];
            constructor.setAccessible(true);
        }).isInstanceOf(java.lang.reflect.InaccessibleObjectException.class)
                .hasMessageContaining("does not \"opens dev.pureflow\"");
    }

    @Test
    void a_user_module_that_exports_its_actions_without_opening_them_gets_them_redacted_run_recorded_and_replayed(
            @TempDir Path temp) throws Exception {
        Path app = temp.resolve("app");
        assertThat(ModulePath.compile(UserApp.SOURCES, app, ModulePath.modulePathOption(ModulePath.entries()))).isEmpty();
        ModuleLayer layer = ModulePath.layer(
                java.lang.module.ModuleFinder.compose(java.lang.module.ModuleFinder.of(app), ModulePath.finder()), "user.app");
        Class<?> check = Class.forName("user.app.Check", true, layer.findLoader("user.app"));
        assertThat(check.getModule().getDescriptor().opens()).isEmpty();

        assertThat(check.getMethod("redacted").invoke(null)).isEqualTo("Login[user=ada, password=***]");
        assertThat(check.getMethod("run").invoke(null)).isEqualTo(List.of("ada", "admin"));

        Path recording = temp.resolve("login.jsonl");
        Object replayed = withContextLoader(layer.findLoader("user.app"),
                () -> check.getMethod("recordThenReplay", Path.class).invoke(null, recording));
        assertThat(replayed).isEqualTo(List.of("ada", "admin"));
        assertThat(Files.readString(recording, StandardCharsets.UTF_8))
                .contains("user.app.Check$Login").contains("\"user\":\"ada\"");

        Path greetings = temp.resolve("greetings.jsonl");
        Object greeted = withContextLoader(layer.findLoader("user.app"),
                () -> check.getMethod("greetThenReplay", Path.class).invoke(null, greetings));
        assertThat(greeted).isEqualTo(List.of(3, 3));
        assertThat(Files.readAllLines(greetings, StandardCharsets.UTF_8)).hasSize(4)
                .first().asString().contains("dev.pureflow.examples.greeting.Cmd$Fetch").contains("\"container\":\"users\"");
    }

    /** The forger compiled as a class-path class against the dsl, as if a user put it in the dsl's package. */
    private static Path forgerCompiledOnTheClassPath(Path temp) {
        Path forger = temp.resolve("forger");
        assertThat(ModulePath.compile(Map.of("dev/pureflow/Forger.java", FORGER), forger,
                ModulePath.classPathOption(ModulePath.entries()))).isEmpty();
        return forger;
    }

    /**
     * Runs {@code body} with {@code loader} as the thread's context loader, as an application's main
     * thread has it: the testkit's replay loads recorded action classes by name through it.
     */
    private static Object withContextLoader(ClassLoader loader, ReflectiveCall body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.call();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @FunctionalInterface
    private interface ReflectiveCall {
        Object call() throws Exception;
    }
}
