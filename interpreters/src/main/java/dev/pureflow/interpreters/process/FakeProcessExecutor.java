package dev.pureflow.interpreters.process;

import dev.pureflow.Action;
import dev.pureflow.Clock;
import dev.pureflow.Executor;
import dev.pureflow.UnhandledActionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Runs {@link ProcessAction}s against scripted commands instead of the OS: each command matched by
 * its exact argv or a predicate plays a {@link FakeProcess} (lines, pauses, exit code) on a clock,
 * a virtual one in tests. Timeouts, kills, jobs and their output behave as with the real
 * {@link ProcessExecutor}, so the same flow runs against either unchanged. An unscripted command
 * fails naming it; {@link #commands()} tells what ran.
 *
 * <pre>{@code
 * VirtualClock clock = VirtualClock.start();
 * FakeProcessExecutor fake = FakeProcessExecutor.builder(clock)
 *     .on(List.of("tar", "czf", "backup.tgz", "data"), FakeProcess.exiting(0))
 *     .on(command -> command.program().equals("ping"),
 *         FakeProcess.exiting(0).printingEvery(Duration.ofSeconds(1), "64 bytes from localhost"))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeProcessExecutor implements Executor, AutoCloseable {

    private record Script(Predicate<Command> matches, String description, FakeProcess process) {}

    private final List<Script> scripts;
    private final Clock clock;
    private final JobTable jobs = new JobTable(ProcessExecutor.ENDED_JOBS_KEPT);
    private final List<Command> ran = new CopyOnWriteArrayList<>();
    private final AtomicLong pids = new AtomicLong(1000);

    private FakeProcessExecutor(List<Script> scripts, Clock clock) {
        this.scripts = List.copyOf(scripts);
        this.clock = clock;
    }

    /** A builder of a fake whose processes take time on {@code clock}. */
    public static Builder builder(Clock clock) {
        return new Builder(List.of(), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        if (!(action instanceof ProcessAction<?> processAction)) {
            throw new UnhandledActionException(action, "the fake process executor handles only " + ProcessAction.class.getName());
        }
        return switch (processAction) {
            case ProcessAction.Run run -> run(run);
            case ProcessAction.Start start -> start(start);
            case ProcessAction.ReadOutput read -> jobs.read(read.id());
            case ProcessAction.Await await -> jobs.await(await.id(), clock);
            case ProcessAction.Kill kill -> jobs.kill(kill.id(), kill.grace(), clock);
            case ProcessAction.ListJobs list -> jobs.list();
        };
    }

    /** Every command run or started so far, in order. */
    public List<Command> commands() {
        return List.copyOf(ran);
    }

    /** Kills every job still running. */
    @Override
    public void close() {
        jobs.killAll();
    }

    private ProcessResult run(ProcessAction.Run run) throws Exception {
        Command command = run.command();
        FakeRun fake = new FakeRun(command, scriptFor(command), pids.incrementAndGet(), clock, run.listener(), null);
        return ProcessException.requireSuccess(command, fake.play());
    }

    private Job start(ProcessAction.Start start) throws Exception {
        Command command = start.command();
        FakeProcess script = scriptFor(command);
        long pid = pids.incrementAndGet();
        return jobs.start(start.id(), clock.instant(), lines -> {
            FakeRun fake = new FakeRun(command, script, pid, clock, start.listener(), lines);
            clock.startThread("pureflow-fake-job-" + pid, () -> Uninterruptible.run(() -> fake.play()));
            return new JobTable.Spawned(fake, pid);
        });
    }

    private FakeProcess scriptFor(Command command) {
        ran.add(command);
        return scripts.stream()
                .filter(script -> script.matches().test(command))
                .findFirst()
                .map(Script::process)
                .orElseThrow(() -> new InvalidCommandException(command.argv(), "the fake has no script for `"
                        + command.commandLine() + "`; scripted: "
                        + (scripts.isEmpty() ? "nothing" : String.join(", ", scripts.stream().map(Script::description).toList()))));
    }

    /** Collects scripts; immutable, each call returns a new builder. The first matching script wins. */
    public static final class Builder {
        private final List<Script> scripts;
        private final Clock clock;

        private Builder(List<Script> scripts, Clock clock) {
            this.scripts = scripts;
            this.clock = clock;
        }

        /** Commands whose argv equals {@code argv} play {@code process}. */
        public Builder on(List<String> argv, FakeProcess process) {
            List<String> exact = List.copyOf(argv);
            return add(new Script(command -> command.argv().equals(exact), "`" + Command.of(exact).commandLine() + "`", process));
        }

        /** Commands {@code matcher} accepts play {@code process}. */
        public Builder on(Predicate<Command> matcher, FakeProcess process) {
            Objects.requireNonNull(matcher, "matcher");
            return add(new Script(matcher, "a matcher", process));
        }

        /** The fake. */
        public FakeProcessExecutor build() {
            return new FakeProcessExecutor(scripts, clock);
        }

        private Builder add(Script script) {
            Objects.requireNonNull(script.process(), "process");
            List<Script> more = new ArrayList<>(scripts);
            more.add(script);
            return new Builder(more, clock);
        }
    }
}
