package dev.pureflow.examples.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pureflow.Program;
import dev.pureflow.examples.greeting.GreetingMain;
import dev.pureflow.interpreters.fake.VirtualClock;
import dev.pureflow.testkit.Recorder;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import net.jqwik.api.Arbitrary;
import org.assertj.core.api.Assertions;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;
import org.slf4j.Logger;

/**
 * pureflow's built modules (dsl, interpreters, testkit, examples) and the modules they require, as a
 * module path: what a user's modular application sees. The tests of this build run on the class
 * path, so the module boundaries are checked here, on a module path of their own, in layers whose
 * class loaders do not see the class path.
 */
final class ModulePath {

    /** pureflow's modules, each with the packages it exports: its API. */
    static final Map<String, Set<String>> API = Map.of(
            "dev.pureflow.dsl", Set.of("dev.pureflow", "dev.pureflow.combinators"),
            "dev.pureflow.interpreters", Set.of("dev.pureflow.interpreters.codec", "dev.pureflow.interpreters.fake", "dev.pureflow.interpreters.process"),
            "dev.pureflow.testkit", Set.of("dev.pureflow.testkit"),
            "dev.pureflow.examples", Set.of(
                    "dev.pureflow.examples.acons", "dev.pureflow.examples.astty", "dev.pureflow.examples.greeting"));

    /** A class of each module on the path, to find where the build put it (a classes directory or a jar). */
    private static final List<Class<?>> ONE_CLASS_OF_EACH_MODULE = List.of(
            Program.class, VirtualClock.class, Recorder.class, GreetingMain.class,
            Try.class, io.vavr.match.annotation.Patterns.class, Logger.class,
            ObjectMapper.class, JsonParser.class, JsonProperty.class, Jdk8Module.class, JavaTimeModule.class,
            Arbitrary.class, ReflectionSupport.class, AssertionFailedError.class, Assertions.class);

    private ModulePath() {}

    /** The directories and jars of the module path, pureflow's first. */
    static List<Path> entries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (Class<?> type : ONE_CLASS_OF_EACH_MODULE) {
            entries.add(locationOf(type));
        }
        return List.copyOf(entries);
    }

    /** Finds the modules on the path. */
    static ModuleFinder finder() {
        return ModuleFinder.of(entries().toArray(Path[]::new));
    }

    /** The location of {@code type}'s class file root: a directory or a jar. */
    static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }

    /**
     * A layer above the JDK's modules holding {@code roots} and what they require, found by
     * {@code finder}, with one class loader whose parent is the platform loader: nothing on the test
     * class path leaks in.
     */
    static ModuleLayer layer(ModuleFinder finder, String... roots) {
        ModuleLayer boot = ModuleLayer.boot();
        Configuration configuration = boot.configuration().resolve(finder, ModuleFinder.of(), Set.of(roots));
        return boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    /** pureflow's modules in a layer of their own. */
    static ModuleLayer pureflowLayer() {
        return layer(finder(), API.keySet().toArray(String[]::new));
    }

    /**
     * Compiles {@code sources} (path relative to the source root → text) into {@code output};
     * {@code options} say how ({@code --module-path ...} or {@code -classpath ...}).
     *
     * @return the compiler's errors, empty if it succeeded
     */
    static List<String> compile(Map<String, String> sources, Path output, List<String> options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler (javax.tools)").isNotNull();
        try {
            Path sourceRoot = Files.createDirectories(output.resolveSibling(output.getFileName() + "-src"));
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceRoot.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                files.add(Files.writeString(file, source.getValue(), StandardCharsets.UTF_8));
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> arguments = new ArrayList<>(options);
                arguments.addAll(List.of("-d", output.toString(), "-proc:none", "--release", "21"));
                boolean compiled = javac.getTask(new StringWriter(), fileManager, diagnostics, arguments, null,
                        fileManager.getJavaFileObjectsFromPaths(files)).call();
                List<String> errors = diagnostics.getDiagnostics().stream()
                        .filter(diagnostic -> diagnostic.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                        .map(diagnostic -> diagnostic.getMessage(Locale.ROOT))
                        .toList();
                assertThat(compiled).as("compiled, or errors reported: %s", errors).isEqualTo(errors.isEmpty());
                return errors;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The javac option that puts {@code entries} on the module path. */
    static List<String> modulePathOption(List<Path> entries) {
        return List.of("--module-path", joined(entries));
    }

    /** The javac option that puts {@code entries} on the class path. */
    static List<String> classPathOption(List<Path> entries) {
        return List.of("-classpath", joined(entries));
    }

    private static String joined(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
