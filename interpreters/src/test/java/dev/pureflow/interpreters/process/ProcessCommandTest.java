package dev.pureflow.interpreters.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.ActionFailedException;
import dev.pureflow.Clock;
import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command is made of reaches the child as asked: argv verbatim, the environment inherited,
 * changed or exact, the working directory; and what is wrong with a command is reported before
 * anything starts, with the exit codes counted as success deciding between a result and a failure.
 */
class ProcessCommandTest {

    @TempDir
    Path directory;

    // ------------------------------------------------------------------------------------------
    // argv

    @Test
    void awkward_arguments_arrive_verbatim() {
        List<String> arguments = List.of(
                "two words", "it's", "\"double\"", "$(echo injected)", "`echo injected`", "a;b", "x && y", "| cat",
                "-n", "--help", "trailing  ", "  leading", "tab\there", "new\nline", "back\\slash", "*", "~", "$HOME",
                "zażółć gęślą jaźń", "日本語", "🎉", "");

        assertThat(echoedArgv(arguments)).isEqualTo(arguments);
    }

    @Property(tries = 40)
    void any_arguments_without_nul_arrive_verbatim(@ForAll("arguments") List<String> arguments) {
        assertThat(echoedArgv(arguments)).isEqualTo(arguments);
    }

    @Provide
    Arbitrary<List<String>> arguments() {
        // any code point but NUL (no program can receive one) and lone surrogates (not text)
        Arbitrary<String> argument = Arbitraries.strings()
                .all()
                .excludeChars('\0')
                .ofMaxLength(20)
                .filter(text -> text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
        return argument.list().ofMaxSize(6);
    }

    @Test
    void run_shows_its_command_line_quoted_as_a_person_would_type_it() {
        Command command = Command.of("grep", "-r", "two words", "it's", "");

        assertThat(command.commandLine()).isEqualTo("grep -r 'two words' 'it'\\''s' ''");
        assertThat(ProcessAction.run(command)).hasToString("Run[grep -r 'two words' 'it'\\''s' '']");
        assertThat(ProcessAction.start("finder", command)).hasToString("Start[finder: grep -r 'two words' 'it'\\''s' '']");
    }

    // ------------------------------------------------------------------------------------------
    // validation

    @Test
    void a_missing_program_is_rejected_naming_it_and_the_path_searched() {
        assertRejected(Command.of("no-such-program-pureflow", "x"),
                "program 'no-such-program-pureflow' was not found on the PATH the process would get");
    }

    @Test
    void a_missing_program_path_is_rejected_naming_it() {
        assertRejected(Command.of("/no/such/dir/tool"), "program /no/such/dir/tool does not exist");
    }

    @Test
    void a_program_that_is_not_executable_is_rejected() throws Exception {
        Path plain = Files.writeString(directory.resolve("plain.sh"), "echo hi\n");

        assertRejected(Command.of(plain.toString()), "is not executable");
    }

    @Test
    void a_missing_working_directory_is_rejected_naming_it() {
        Path missing = directory.resolve("gone");

        assertRejected(Command.of("true").withDirectory(missing), "working directory " + missing + " does not exist");
    }

    @Test
    void a_file_as_working_directory_is_rejected() throws Exception {
        Path file = Files.writeString(directory.resolve("file"), "");

        assertRejected(Command.of("true").withDirectory(file), "working directory " + file + " is not a directory");
    }

    @Test
    void an_empty_argv_is_rejected() {
        assertRejected(Command.of(List.of()), "argv is empty");
    }

    @Test
    void an_empty_program_name_is_rejected() {
        assertRejected(Command.of("", "x"), "the program name is the empty string");
    }

    @Test
    void a_nul_in_an_argument_is_rejected_naming_its_position() {
        assertRejected(Command.of("echo", "fine", "bad\0arg"), "argument 2 contains a NUL character");
    }

    @Test
    void a_nul_in_an_environment_value_is_rejected_naming_the_variable() {
        assertRejected(Command.of("true").withEnv("BROKEN", "a\0b"), "environment variable BROKEN contains a NUL character");
    }

    @Test
    void an_environment_variable_name_with_an_equals_sign_is_rejected() {
        assertRejected(Command.of("true").withEnv("A=B", "c"), "environment variable name 'A=B' is empty or contains '=' or NUL");
    }

    @Test
    void a_missing_stdin_file_is_rejected_naming_it() {
        Path missing = directory.resolve("no-input");

        assertRejected(Command.of("cat").withStdin(Stdin.file(missing)), "stdin file " + missing + " does not exist");
    }

    @Test
    void a_program_found_on_the_jvms_path_but_not_on_the_childs_is_rejected() {
        assertRejected(Command.of("sh", "-c", "true").withEnv("PATH", directory.toString()),
                "program 'sh' was not found on the PATH the process would get: " + directory);
    }

    @Test
    void characters_the_jvm_cannot_pass_to_the_os_are_rejected_rather_than_mangled() {
        // a JVM started under the POSIX locale encodes argv and environment in ASCII and would send '?'
        Command unicodeArgument = Command.of("printf", "%s", "zażółć");
        Command unicodeEnvironment = Command.of("true").withEnv("GREETING", "こんにちは");

        assertThatThrownBy(() -> CommandValidator.validate(unicodeArgument, System.getenv(), directory, StandardCharsets.US_ASCII))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("argument 2 cannot be passed verbatim: this JVM encodes command lines and environments in US-ASCII")
                .hasMessageContaining("LANG=C.UTF-8");
        assertThatThrownBy(() -> CommandValidator.validate(unicodeEnvironment, System.getenv(), directory, StandardCharsets.US_ASCII))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("environment variable GREETING cannot be passed verbatim");
        assertThat(CommandValidator.validate(unicodeArgument, System.getenv(), directory, StandardCharsets.UTF_8).executable()).isNotNull();
    }

    @Test
    void a_lone_surrogate_in_an_argument_is_rejected_rather_than_mangled() {
        assertRejected(Command.of("echo", "broken \uD800 text"), "argument 1 cannot be passed verbatim");
    }

    @Test
    void a_rejected_command_starts_nothing_and_opens_no_descriptor() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Runner runner = Runner.of(processes);
            RecordingListener listener = new RecordingListener();
            List<Command> rejected = List.of(Command.of("no-such-program-pureflow"), Command.of("true").withDirectory(directory.resolve("gone")),
                    Command.of(List.of()), Command.of("echo", "a\0b"));
            runner.attempt(Program.perform(ProcessAction.run(Command.of("true")))); // classes loaded, descriptors settled
            long descriptorsBefore = ProcWatch.openFileDescriptors();

            for (int round = 0; round < 50; round++) {
                for (Command command : rejected) {
                    assertThat(runner.attempt(Program.perform(ProcessAction.run(command, listener))).getCause())
                            .cause().isInstanceOf(InvalidCommandException.class);
                    assertThat(runner.attempt(Program.perform(ProcessAction.start(command))).getCause())
                            .cause().isInstanceOf(InvalidCommandException.class);
                }
            }

            assertThat(listener.events()).as("a listener of rejected commands").isEmpty();
            assertThat(ProcWatch.liveChildren()).isZero();
            assertThat(ProcWatch.openFileDescriptors()).isEqualTo(descriptorsBefore);
            assertThat(runner.run(Program.perform(ProcessAction.listJobs()))).isEmpty();
        }
    }

    // ------------------------------------------------------------------------------------------
    // environment

    @Test
    void the_child_inherits_the_executors_environment_plus_the_tree_marker() {
        Map<String, String> seen = environmentOf(UnaryOperator.identity());

        Map<String, String> expected = new HashMap<>(System.getenv());
        expected.put(ProcessTree.MARKER, seen.get(ProcessTree.MARKER));
        assertThat(seen).isEqualTo(expected);
        assertThat(seen.get(ProcessTree.MARKER)).isNotBlank();
    }

    @Test
    void with_env_adds_and_overrides_variables() {
        Map<String, String> seen = environmentOf(command -> command.withEnv("PUREFLOW_ADDED", "a value with spaces").withEnv("HOME", "/elsewhere"));

        assertThat(seen).containsEntry("PUREFLOW_ADDED", "a value with spaces").containsEntry("HOME", "/elsewhere");
        assertThat(seen).containsEntry("PATH", System.getenv("PATH"));
    }

    @Test
    void without_env_removes_an_inherited_variable_and_a_later_with_env_restores_it() {
        assertThat(environmentOf(command -> command.withoutEnv("HOME"))).doesNotContainKey("HOME").containsKey("PATH");
        assertThat(environmentOf(command -> command.withoutEnv("HOME").withEnv("HOME", "/back"))).containsEntry("HOME", "/back");
    }

    @Test
    void an_exact_environment_is_all_the_child_gets_besides_the_tree_marker() {
        Map<String, String> seen = environmentOf(command -> command.withEnvironment(Environment.exactly(Map.of("ONLY", "this", "EMPTY", ""))));

        assertThat(seen).containsOnlyKeys("ONLY", "EMPTY", ProcessTree.MARKER);
        assertThat(seen).containsEntry("ONLY", "this").containsEntry("EMPTY", "");
    }

    @Test
    void an_empty_exact_environment_leaves_only_the_tree_marker_and_programs_are_found_on_the_default_path() {
        Map<String, String> seen = environmentOf(command -> command.withEnvironment(Environment.exactly(Map.of())));

        assertThat(seen).containsOnlyKeys(ProcessTree.MARKER);
    }

    @Test
    void each_process_gets_its_own_tree_marker() {
        String first = environmentOf(UnaryOperator.identity()).get(ProcessTree.MARKER);
        String second = environmentOf(UnaryOperator.identity()).get(ProcessTree.MARKER);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void the_program_is_looked_up_on_the_path_the_child_gets() throws Exception {
        Path bin = Files.createDirectory(directory.resolve("bin"));
        Path tool = executable(bin.resolve("pureflow-tool"), "#!/bin/sh\necho \"tool says $1\"\n");

        ProcessResult result = run(Command.of("pureflow-tool", "hi").withEnv("PATH", bin + ":/usr/bin:/bin"));

        assertThat(result.stdoutText()).isEqualTo("tool says hi\n");
        assertThat(tool).exists();
    }

    // ------------------------------------------------------------------------------------------
    // working directory

    @Test
    void a_command_runs_in_its_working_directory() throws Exception {
        ProcessResult result = run(Command.of("pwd").withDirectory(directory));

        assertThat(Path.of(result.stdoutText().strip())).isEqualTo(directory.toRealPath());
    }

    @Test
    void a_relative_program_path_is_resolved_in_the_working_directory() throws Exception {
        executable(directory.resolve("local.sh"), "#!/bin/sh\necho local\n");

        assertThat(run(Command.of("./local.sh").withDirectory(directory)).stdoutText()).isEqualTo("local\n");
    }

    @Test
    void a_command_without_a_directory_runs_in_the_executors_directory() throws Exception {
        try (ProcessExecutor processes = ProcessExecutor.create(Clock.system(), directory)) {
            ProcessResult result = Runner.of(processes).run(Program.perform(ProcessAction.run(Command.of("pwd"))));

            assertThat(Path.of(result.stdoutText().strip())).isEqualTo(directory.toRealPath());
        }
    }

    @Test
    void working_directories_are_per_command_not_process_wide() throws Exception {
        Path first = Files.createDirectory(directory.resolve("first"));
        Path second = Files.createDirectory(directory.resolve("second"));
        String jvmDirectory = System.getProperty("user.dir");

        assertThat(run(Command.of("pwd").withDirectory(first)).stdoutText().strip()).isEqualTo(first.toRealPath().toString());
        assertThat(run(Command.of("pwd").withDirectory(second)).stdoutText().strip()).isEqualTo(second.toRealPath().toString());
        assertThat(System.getProperty("user.dir")).isEqualTo(jvmDirectory);
        assertThat(Path.of(run(Command.of("pwd")).stdoutText().strip())).isEqualTo(Path.of(jvmDirectory).toRealPath());
    }

    // ------------------------------------------------------------------------------------------
    // exit codes

    @Test
    void a_non_success_exit_code_fails_with_the_command_the_code_and_stderr() {
        Command failing = Command.shell("echo partial; echo 'disk full' >&2; exit 3");
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Throwable failure = Runner.of(processes).attempt(Program.perform(ProcessAction.run(failing))).getCause();

            assertThat(failure).isInstanceOf(ActionFailedException.class).hasMessageContaining("Run[/bin/sh -c");
            assertThat(failure.getCause()).isInstanceOf(ProcessFailedException.class)
                    .hasMessage("`" + failing.commandLine() + "` exited with 3 (success: [0]); stderr: disk full");
            ProcessResult result = ((ProcessFailedException) failure.getCause()).result();
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.stdoutText()).isEqualTo("partial\n");
            assertThat(result.signal()).isEmpty();
        }
    }

    @Test
    void exit_codes_listed_as_success_yield_a_result() {
        ProcessResult result = run(Command.shell("exit 1").withSuccessCodes(0, 1));

        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void zero_fails_when_it_is_not_listed_as_success() {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            Throwable failure = Runner.of(processes).attempt(Program.perform(ProcessAction.run(Command.of("true").withSuccessCodes(1)))).getCause();

            assertThat(failure.getCause()).isInstanceOf(ProcessFailedException.class).hasMessage("`true` exited with 0 (success: [1])");
        }
    }

    @Test
    void a_result_tells_what_ran_and_for_how_long() {
        ProcessResult result = run(Command.of("echo", "x"));

        assertThat(result.argv()).containsExactly("echo", "x");
        assertThat(result.pid()).isPositive();
        assertThat(result.duration()).isPositive();
        assertThat(result.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------------------

    private static List<String> echoedArgv(List<String> arguments) {
        List<String> argv = new ArrayList<>(List.of("sh", ProcWatch.script("argv.sh").toString()));
        argv.addAll(arguments);
        byte[] echoed = run(Command.of(argv)).stdout();
        List<String> received = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < echoed.length; i++) {
            if (echoed[i] == 0) {
                received.add(new String(echoed, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return received;
    }

    /** The environment a child of {@code configure(env -0)} sees. */
    private static Map<String, String> environmentOf(UnaryOperator<Command> configure) {
        byte[] listing = run(configure.apply(Command.of("env", "-0"))).stdout();
        Map<String, String> variables = new HashMap<>();
        int start = 0;
        for (int i = 0; i < listing.length; i++) {
            if (listing[i] == 0) {
                String entry = new String(listing, start, i - start, StandardCharsets.UTF_8);
                int equals = entry.indexOf('=');
                variables.put(entry.substring(0, equals), entry.substring(equals + 1));
                start = i + 1;
            }
        }
        return variables;
    }

    private static ProcessResult run(Command command) {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            return Runner.of(processes).run(Program.perform(ProcessAction.run(command)));
        }
    }

    private static void assertRejected(Command command, String problem) {
        try (ProcessExecutor processes = ProcessExecutor.create()) {
            RecordingListener listener = new RecordingListener();
            Throwable failure = Runner.of(processes).attempt(Program.perform(ProcessAction.run(command, listener))).getCause();

            assertThat(failure).isInstanceOf(ActionFailedException.class);
            assertThat(failure.getCause()).isInstanceOf(InvalidCommandException.class).hasMessageContaining(problem);
            assertThat(((InvalidCommandException) failure.getCause()).argv()).isEqualTo(command.argv());
            assertThat(listener.events()).as("what a listener of the rejected command heard").isEmpty();
        }
    }

    private static Path executable(Path file, String content) throws Exception {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
