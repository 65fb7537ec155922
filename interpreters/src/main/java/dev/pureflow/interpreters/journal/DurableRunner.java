package dev.pureflow.interpreters.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pureflow.BuiltIn;
import dev.pureflow.Executor;
import dev.pureflow.FatalErrorException;
import dev.pureflow.MessageGate;
import dev.pureflow.Program;
import dev.pureflow.RunHandle;
import dev.pureflow.RunOptions;
import dev.pureflow.Runner;
import dev.pureflow.interpreters.codec.JsonCodec;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs programs durably: every step's outcome is appended to the run's journal (one file per run in
 * the runner's directory) before the flow sees it, so that after a crash the run resumes where it
 * was. On resume the program is built again by its registered {@link DurableFlow} from the recorded
 * arguments and interpreted again from the start: each step the journal has a record for gets the
 * recorded answer or error without the executor being called; the first step without one is
 * carried out. A step is known by its key ({@code main/2/0#3}), so parallel branches replay their own
 * steps whatever the scheduling; a different action at a recorded key fails the run with a
 * {@link JournalDivergenceException} naming the key and both actions.
 *
 * <pre>{@code
 * DurableRunner runner = DurableRunner.builder(Path.of("journal"), executor).register(DEPLOY).build();
 * runner.resumeUnfinished();                              // after a crash: runs that did not end go on
 * RunHandle<String> run = runner.start("deploy-42", DEPLOY, new Release("1.4.2"));
 * run.await();
 * }</pre>
 *
 * <p><b>Guarantees, said plainly.</b> A step whose outcome was journaled is never carried out
 * again (exactly-once), with {@link Durability#everyStep()} whatever crashes, with group commit
 * unless the operating system loses the last window's records. A step in flight when the process
 * died runs again (at-least-once); {@link IdempotencyKey#current()} gives the executor the run id and
 * step key, the same on both tries, to make the side effect exactly-once downstream. A step
 * interrupted by cancellation is not journaled.
 *
 * <p>What cannot be resumed fails at start, before any step: an unknown flow name, arguments that do
 * not map to JSON and back, a flow whose factory throws. An action that cannot be journaled (it does
 * not map to JSON and back) fails its step before the executor is called. Built-in actions go
 * through the executor like any other step.
 *
 * <p>Messages sent into a run, with its handle's {@code send} or with {@link #send}, are journaled
 * before the run can see them, and are back in its mailbox when it resumes; a message that does
 * not map to JSON and back is refused (the send throws).
 *
 * <p>Runs are listed with their state ({@link #runs()}), their steps read ({@link #steps}),
 * finished runs deleted ({@link #delete}) or pruned by age and total size ({@link #prune}). The
 * runner's own {@link Runner} options (clock, listener, deadline, redaction) apply to every run.
 * Thread-safe. One runner (one process) should use a directory at a time.
 */
public final class DurableRunner {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String SUFFIX = ".journal";

    private final Path directory;
    private final Executor executor;
    private final Map<String, DurableFlow<?, ?>> flows;
    private final Durability durability;
    private final UnaryOperator<RunOptions> options;
    private final JsonCodec codec = JsonCodec.standard();
    private final ObjectMapper mapper = codec.mapper();
    /** The runs running here, with their journal (for messages sent to them). */
    private final Map<String, Active> active = new ConcurrentHashMap<>();

    private record Active(RunHandle<Object> handle, RunJournal journal) {}

    private DurableRunner(Builder builder) {
        this.directory = builder.directory;
        this.executor = builder.executor;
        this.flows = Map.copyOf(builder.flows);
        this.durability = builder.durability;
        this.options = builder.options;
    }

    /** A builder of a runner keeping its journals in {@code directory} (created if absent) and carrying steps out with {@code executor}. */
    public static Builder builder(Path directory, Executor executor) {
        return new Builder(Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(executor, "executor"));
    }

    /** Configures a {@link DurableRunner}. Not thread-safe; the runner it builds is. */
    public static final class Builder {
        private final Path directory;
        private final Executor executor;
        private final Map<String, DurableFlow<?, ?>> flows = new LinkedHashMap<>();
        private Durability durability = Durability.everyStep();
        private UnaryOperator<RunOptions> options = UnaryOperator.identity();

        private Builder(Path directory, Executor executor) {
            this.directory = directory;
            this.executor = executor;
        }

        /** Registers {@code flow} under its name; a name may be registered once. */
        public Builder register(DurableFlow<?, ?> flow) {
            Objects.requireNonNull(flow, "flow");
            if (flows.putIfAbsent(flow.name(), flow) != null) {
                throw new IllegalArgumentException("a durable flow named " + flow.name() + " is registered already");
            }
            return this;
        }

        /** When journal records reach the disk: {@link Durability#everyStep()} unless set. */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /** The options every run's {@link Runner} gets (clock, listener, deadline, redaction). */
        public Builder options(UnaryOperator<RunOptions> configure) {
            this.options = Objects.requireNonNull(configure, "configure");
            return this;
        }

        /** The runner; creates its directory. */
        public DurableRunner build() {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the journal directory " + directory, e);
            }
            return new DurableRunner(this);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Starting and resuming

    /**
     * Starts run {@code runId} of {@code flow} with {@code arguments}.
     *
     * @throws IllegalArgumentException if the flow is not registered, the arguments do not map to JSON
     *                                  and back, or the flow's factory fails; nothing is journaled then
     * @throws IllegalStateException    if a run with that id exists
     */
    @SuppressWarnings("unchecked")
    public <P, A> RunHandle<A> start(String runId, DurableFlow<P, A> flow, P arguments) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(arguments, "arguments");
        if (flows.get(flow.name()) != flow) {
            throw new IllegalArgumentException("the durable flow " + flow.name() + " is not registered with this runner"
                    + " (register it with the builder, so that its runs can be resumed)");
        }
        JsonNode json;
        try {
            json = mapper.valueToTree(arguments);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the arguments of run " + runId + " do not map to JSON: " + e.getMessage(), e);
        }
        return (RunHandle<A>) start(runId, flow.name(), json);
    }

    /**
     * Starts run {@code runId} of the flow registered as {@code flow}, with arguments given as JSON.
     *
     * @throws IllegalArgumentException if no flow has that name, the arguments do not read as its
     *                                  arguments type, or its factory fails; nothing is journaled then
     * @throws IllegalStateException    if a run with that id exists
     */
    public RunHandle<Object> start(String runId, String flow, JsonNode arguments) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(arguments, "arguments");
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("a run id is 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit: " + runId);
        }
        Program<Object> program = build(runId, flow, arguments);
        Path file = fileOf(runId);
        if (Files.exists(file) || active.containsKey(runId)) {
            throw new IllegalStateException("a run with id " + runId + " exists already (" + file + ")");
        }
        RunJournal journal = null;
        try {
            journal = RunJournal.open(file, durability);
            journal.append(new JournalEntry.Started(runId, flow, arguments, clock().instant()));
        } catch (IOException e) {
            closeQuietly(journal);
            throw new UncheckedIOException("cannot start the journal of run " + runId + " in " + file, e);
        }
        return launch(runId, program, journal, Map.of(), Map.of(), List.of());
    }

    /** The ids of the runs whose journals have no end and that do not run here, oldest first. */
    public List<String> unfinished() {
        return runs().stream().filter(run -> run.state() == RunState.UNFINISHED).map(RunInfo::runId).toList();
    }

    /** Resumes every {@linkplain #unfinished() unfinished} run: what to call when the process starts. */
    public Map<String, RunHandle<Object>> resumeUnfinished() {
        Map<String, RunHandle<Object>> resumed = new LinkedHashMap<>();
        for (String runId : unfinished()) {
            resumed.put(runId, resume(runId));
        }
        return resumed;
    }

    /**
     * Resumes run {@code runId}: its program is built again and its journaled steps replayed.
     *
     * @throws IllegalStateException    if the run ended, runs here already, or has no journal
     * @throws IllegalArgumentException if its flow is not registered or cannot be built again
     * @throws JournalCorruptedException if its journal is damaged
     */
    public RunHandle<Object> resume(String runId) {
        Objects.requireNonNull(runId, "runId");
        Path file = fileOf(runId);
        if (!Files.exists(file)) {
            throw new IllegalStateException("there is no run " + runId + " in " + directory);
        }
        if (active.containsKey(runId)) {
            throw new IllegalStateException("run " + runId + " is running already");
        }
        RunJournal journal;
        try {
            journal = RunJournal.open(file, durability);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal of run " + runId + ": " + file, e);
        }
        try {
            List<Object> entries = journal.recoveredForReplay();
            if (entries.isEmpty() || !(entries.getFirst() instanceof JournalEntry.Started started)) {
                throw new IllegalStateException("the journal of run " + runId + " does not begin with its start: " + file);
            }
            if (entries.getLast() instanceof JournalEntry.Ended) {
                throw new IllegalStateException("run " + runId + " has ended; there is nothing to resume");
            }
            Program<Object> program = build(runId, started.factory(), started.arguments());
            Map<String, RecordedStep> recorded = new ConcurrentHashMap<>(entries.size() * 4 / 3 + 1);
            Map<String, Instant> sleeping = new HashMap<>();
            List<JournalEntry.Message> messages = new ArrayList<>();
            for (Object entry : entries) {
                switch (entry) {
                    case RecordedStep step -> recorded.put(step.key, step);
                    case JournalEntry.Performed performed -> throw new IllegalStateException("a performed record is read as a step");
                    case JournalEntry.Sleeping sleep -> sleeping.put(sleep.key(), sleep.wakeAt());
                    case JournalEntry.Message message -> messages.add(message);
                    case JournalEntry.Started first -> { }
                    case JournalEntry.Ended end -> { }
                    default -> throw new IllegalStateException("not a journal entry: " + entry);
                }
            }
            return launch(runId, program, journal, recorded, sleeping, messages);
        } catch (RuntimeException e) {
            closeQuietly(journal);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private Program<Object> build(String runId, String flowName, JsonNode arguments) {
        DurableFlow<Object, Object> flow = (DurableFlow<Object, Object>) flows.get(flowName);
        if (flow == null) {
            throw new IllegalArgumentException("run " + runId + ": no durable flow is registered as " + flowName + "; registered: "
                    + flows.keySet());
        }
        Object read;
        try {
            read = mapper.treeToValue(arguments, flow.argumentsType());
            JsonNode again = mapper.valueToTree(read);
            if (!codec.canonical(again).equals(codec.canonical(arguments))) {
                throw new IllegalArgumentException("they read back as " + again + ", not as " + arguments);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("run " + runId + ": the arguments " + arguments + " do not map to "
                    + flow.argumentsType().getName() + " and back, so the run could not be resumed: " + e.getMessage(), e);
        }
        try {
            return Objects.requireNonNull(flow.build().apply(read), "the factory built no program");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("run " + runId + ": the durable flow " + flowName + " could not build its program: " + e, e);
        }
    }

    private RunHandle<Object> launch(String runId, Program<Object> program, RunJournal journal, Map<String, RecordedStep> recorded,
            Map<String, Instant> sleeping, List<JournalEntry.Message> messages) {
        // built-in actions reach the journaling executor, which journals and replays them; every message
        // sent in, by the handle's send or by ours, is journaled before the run can see it
        AtomicBoolean ended = new AtomicBoolean();
        MessageJournal gate = new MessageJournal(runId, journal, ended);
        RunOptions runOptions = options.apply(RunOptions.DEFAULT).builtIns(BuiltIn.AnsweredBy.EXECUTOR).messageGate(gate);
        JournalingExecutor journaling = new JournalingExecutor(executor, runId, journal, recorded, codec, sleeping, runOptions.clock(),
                runOptions.redaction());
        // the messages sent before the crash are in the run's mailbox before its program begins
        CountDownLatch restored = new CountDownLatch(1);
        Program<Object> gated = messages.isEmpty() ? program : Program.defer(() -> {
            try {
                restored.await(); // counted down right after start: a short wait, cut short by a cancel
            } catch (InterruptedException cancelled) {
                Thread.currentThread().interrupt();
                return Program.fail(new java.util.concurrent.CancellationException("run " + runId + " was cancelled"));
            }
            return program;
        });
        // the end is journaled inside the run, so that a caller of await() finds the run finished
        Program<Object> durable = gated.attempt().flatMap(outcome -> Program.defer(() -> {
            if (end(runId, journal, outcome, ended, runOptions)) {
                // nothing is left to journal: a caller of await() may resume or delete the run at once
                closeQuietly(journal);
                active.remove(runId);
            }
            return outcome.isSuccess() ? Program.pure(outcome.get()) : Program.fail(FatalErrorException.unwrapped(outcome.getCause()));
        }));
        RunHandle<Object> handle;
        try {
            handle = Runner.of(journaling).with(ignored -> runOptions).start(durable);
        } catch (RuntimeException e) {
            closeQuietly(journal);
            throw e;
        }
        active.put(runId, new Active(handle, journal));
        gate.restoring = Thread.currentThread(); // journaled already: not again
        try {
            for (JournalEntry.Message message : messages) {
                handle.send(message.key(), messageValue(message));
            }
        } finally {
            gate.restoring = null;
        }
        restored.countDown();
        handle.onComplete(outcome -> {
            try {
                end(runId, journal, outcome, ended, runOptions); // cancelled or timed out: the program's own end did not run
            } finally {
                closeQuietly(journal);
                active.remove(runId);
            }
        });
        return handle;
    }

    /**
     * Journals the run's end once, unless it diverged: a diverged run stays unfinished, to resume
     * once its program is put back. True if nothing more is to be journaled for the run.
     */
    private boolean end(String runId, RunJournal journal, Try<?> outcome, AtomicBoolean ended, RunOptions runOptions) {
        synchronized (journal) { // with MessageJournal.admit: the end is the journal's last record
            return endOnce(runId, journal, outcome, ended, runOptions);
        }
    }

    private boolean endOnce(String runId, RunJournal journal, Try<?> outcome, AtomicBoolean ended, RunOptions runOptions) {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        if (outcome.isFailure() && diverged(outcome.getCause())) {
            return true;
        }
        ObjectNode written = JsonNodeFactory.instance.objectNode();
        try {
            codec.writeOutcome(written, outcome);
        } catch (IllegalArgumentException unmappable) {
            written = JsonNodeFactory.instance.objectNode();
            written.put("resultType", outcome.get().getClass().getName());
            written.put("unmapped", unmappable.getMessage());
        }
        try {
            journal.append(new JournalEntry.Ended(written, runOptions.clock().instant()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal the end of run " + runId, e);
        }
        return true;
    }

    /**
     * Journals each message sent into a run before the run's mailbox takes it, whoever sends it (the
     * run's handle or {@link #send}); the mailbox calls it under its lock, so the journal's order is
     * the order the run sees. Refuses a value that does not map to JSON and back, which could not come
     * back after a crash.
     */
    private final class MessageJournal implements MessageGate {
        private final String runId;
        private final RunJournal journal;
        private final AtomicBoolean ended;
        /** The thread putting back the messages journaled before a crash, which are not journaled again. */
        private volatile Thread restoring;

        MessageJournal(String runId, RunJournal journal, AtomicBoolean ended) {
            this.runId = runId;
            this.journal = journal;
            this.ended = ended;
        }

        @Override
        public void admit(String key, Object value) {
            if (restoring == Thread.currentThread()) {
                return;
            }
            JsonNode json;
            try {
                json = mapper.valueToTree(value);
                mapper.treeToValue(json, value.getClass());
            } catch (IllegalArgumentException | JsonProcessingException e) {
                throw new IllegalArgumentException("a message to durable run " + runId + " must map to JSON and back: " + e.getMessage(), e);
            }
            synchronized (journal) { // with end(): no message after the end, whose journal may be closed
                if (ended.get()) {
                    return; // the program is over and reads no more messages: nothing to keep
                }
                try {
                    journal.append(new JournalEntry.Message(key, value.getClass().getName(), json, clock().instant()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot journal a message to run " + runId, e);
                }
            }
        }
    }

    /**
     * Sends {@code value} under {@code key} into run {@code runId}, running here, as its handle's
     * {@code send} does (both journal it before the run can see it: a resumed run finds it again).
     * Returns false if the run is not running here (it ended, or was never started or resumed by
     * this runner).
     *
     * @throws IllegalArgumentException if the value does not map to JSON and back; it is not delivered
     */
    public boolean send(String runId, String key, Object value) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Active run = active.get(runId);
        return run != null && run.handle().send(key, value);
    }

    private Object messageValue(JournalEntry.Message message) {
        try {
            return mapper.treeToValue(message.value(), JsonCodec.load(message.type()));
        } catch (JsonProcessingException | ClassNotFoundException e) {
            throw new IllegalStateException("the message " + message.key() + " journaled for a run cannot be read back as " + message.type(), e);
        }
    }

    private static boolean diverged(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JournalDivergenceException) {
                return true;
            }
        }
        return false;
    }

    private dev.pureflow.Clock clock() {
        return options.apply(RunOptions.DEFAULT).clock();
    }

    // ---------------------------------------------------------------------------------------------
    // Operations

    /**
     * Every run in the directory, oldest start first, with its state.
     *
     * @throws JournalCorruptedException if a journal is damaged
     */
    public List<RunInfo> runs() {
        List<RunInfo> runs = new ArrayList<>();
        for (Path file : journalFiles()) {
            info(file).forEach(runs::add);
        }
        runs.sort(Comparator.comparing(RunInfo::startedAt).thenComparing(RunInfo::runId));
        return List.copyOf(runs);
    }

    /** Run {@code runId}'s info, if there is such a run. */
    public Option<RunInfo> run(String runId) {
        Path file = fileOf(Objects.requireNonNull(runId, "runId"));
        return Files.exists(file) ? info(file) : Option.none();
    }

    private Option<RunInfo> info(Path file) {
        List<JournalEntry> entries;
        long bytes;
        try {
            entries = RunJournal.read(file);
            bytes = Files.size(file);
        } catch (java.nio.file.NoSuchFileException deleted) {
            return Option.none();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file, e);
        }
        if (entries.isEmpty() || !(entries.getFirst() instanceof JournalEntry.Started started)) {
            return Option.none(); // a start cut short by a crash: nothing ran
        }
        int steps = (int) entries.stream().filter(JournalEntry.Performed.class::isInstance).count();
        Option<JournalEntry.Ended> end = entries.getLast() instanceof JournalEntry.Ended last ? Option.some(last) : Option.none();
        RunState state = end.isDefined() ? (end.get().failed() ? RunState.FAILED : RunState.SUCCEEDED)
                : active.containsKey(started.runId()) ? RunState.RUNNING : RunState.UNFINISHED;
        return Option.some(new RunInfo(started.runId(), started.factory(), codec.write(started.arguments()), state, steps,
                started.at(), end.map(JournalEntry.Ended::at), bytes));
    }

    /**
     * How run {@code runId} ended, if it did: its value (read as the class it was written as) or its
     * error (made again as the codec makes errors).
     */
    public Option<Try<Object>> outcome(String runId) {
        Path file = fileOf(Objects.requireNonNull(runId, "runId"));
        try {
            List<JournalEntry> entries = RunJournal.read(file);
            return entries.isEmpty() || !(entries.getLast() instanceof JournalEntry.Ended ended)
                    ? Option.none()
                    : Option.some(codec.readOutcome(dev.pureflow.Action.class, ended.outcome()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Option.none();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file, e);
        }
    }

    /** The steps journaled for run {@code runId}, in the order they ended. */
    public List<JournalEntry.Performed> steps(String runId) {
        Path file = fileOf(Objects.requireNonNull(runId, "runId"));
        try {
            return RunJournal.read(file).stream()
                    .flatMap(entry -> entry instanceof JournalEntry.Performed performed ? Stream.of(performed) : Stream.empty())
                    .toList();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("there is no run " + runId + " in " + directory, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file, e);
        }
    }

    /**
     * Deletes the journal of the finished run {@code runId}.
     *
     * @throws IllegalStateException if the run has not finished (it would be resumed) or does not exist
     */
    public void delete(String runId) {
        RunInfo run = run(runId).getOrElseThrow(() -> new IllegalStateException("there is no run " + runId + " in " + directory));
        if (!run.finished()) {
            throw new IllegalStateException("run " + runId + " is " + run.state() + ", not finished: only finished runs are deleted");
        }
        try {
            Files.deleteIfExists(fileOf(runId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the journal of run " + runId, e);
        }
    }

    /**
     * Deletes finished runs that ended more than {@code maxAge} ago (by the runs' clock), then the
     * oldest finished runs until the journals take at most {@code maxBytes} (unfinished runs are
     * never deleted, so they may keep the total above it). Returns the ids deleted.
     */
    public List<String> prune(Duration maxAge, long maxBytes) {
        Objects.requireNonNull(maxAge, "maxAge");
        Instant now = clock().instant();
        List<RunInfo> runs = new ArrayList<>(runs());
        runs.sort(Comparator.comparing((RunInfo run) -> run.endedAt().getOrElse(Instant.MAX)).thenComparing(RunInfo::runId));
        long total = runs.stream().mapToLong(RunInfo::bytes).sum();
        List<String> deleted = new ArrayList<>();
        for (RunInfo run : runs) {
            boolean old = run.endedAt().exists(at -> at.plus(maxAge).isBefore(now));
            if (run.finished() && (old || total > maxBytes)) {
                delete(run.runId());
                deleted.add(run.runId());
                total -= run.bytes();
            }
        }
        return List.copyOf(deleted);
    }

    /** The directory holding the journals. */
    public Path directory() {
        return directory;
    }

    private Path fileOf(String runId) {
        return directory.resolve(runId + SUFFIX);
    }

    private List<Path> journalFiles() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal directory " + directory, e);
        }
    }

    private static void closeQuietly(RunJournal journal) {
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException ignored) {
                // the journal's records were forced as they were appended; closing adds nothing to lose
            }
        }
    }

    @Override
    public String toString() {
        return "DurableRunner[" + directory + ", " + flows.keySet() + ", " + durability + "]";
    }
}
