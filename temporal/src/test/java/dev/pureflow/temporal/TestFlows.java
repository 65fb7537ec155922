package dev.pureflow.temporal;

import dev.pureflow.Program;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The flows the module's tests run both in-process and on Temporal, by name, from an int argument. */
final class TestFlows {

    static final Map<String, Function<Integer, Program<?>>> ALL = new LinkedHashMap<>();

    static {
        // the greeting example: fetch n users, greet each, yield how many were greeted
        ALL.put("greeting", n -> Program.perform(new Op.Fetch("User", n))
                .flatMap(users -> Program.traverse(users, user -> Program.perform(new Op.Greet(user)))
                        .map(greeted -> greeted.size())));
        // a parallel block whose middle branch fails: the first branch ran, the last never starts (parallelism 1)
        ALL.put("parallel-failing", n -> Program.parallel(
                        Program.perform(new Op.Add(n, 1)),
                        Program.perform(new Op.Boom("branch 1 broke")).map(String::length),
                        Program.perform(new Op.Add(n, 2)))
                .map(values -> values.sum().intValue()));
        ALL.put("parallel-nested", n -> Program.parallel(
                        Program.parallel(Program.perform(new Op.Add(n, 1)), Program.perform(new Op.Add(n, 2))).map(values -> values.sum().intValue()),
                        Program.perform(new Op.Add(n, 3)))
                .map(values -> values.sum().intValue()));
        ALL.put("bracket-failing", n -> Program.bracket(
                Program.perform(new Op.Acquire("db" + n)),
                lease -> Program.perform(new Op.Echo(lease)).andThen(Program.perform(new Op.Boom("use of " + lease + " broke"))),
                lease -> Program.perform(new Op.Release(lease))));
        ALL.put("bracket", n -> Program.bracket(
                Program.perform(new Op.Acquire("db" + n)),
                lease -> Program.perform(new Op.Echo(lease)),
                lease -> Program.perform(new Op.Release(lease))));
        ALL.put("recovered", n -> Program.perform(new Op.Boom("offline " + n))
                .recover(IOException.class, failed -> "recovered: " + failed.getMessage())
                .flatMap(text -> Program.perform(new Op.Echo(text))));
        ALL.put("retried", n -> Program.perform(new Op.Flaky("flaky-" + n, 2)));
        ALL.put("direct", n -> Program.direct(flow -> {
            java.util.List<String> users = flow.perform(new Op.Fetch("User", n));
            for (String user : users) {
                flow.perform(new Op.Greet(user));
            }
            int sum = flow.parallel(java.util.List.of(Program.perform(new Op.Add(1, 2)), Program.perform(new Op.Add(3, 4)))).sum().intValue();
            try {
                flow.perform(new Op.Boom("inside the body"));
                return -1;
            } catch (RuntimeException failed) {
                return users.size() * 100 + sum;
            }
        }));
        // built-in actions: a published value, a durable timer, a message read (none was sent)
        ALL.put("built-ins", n -> Program.publish("progress", n)
                .andThen(Program.sleep(java.time.Duration.ofMinutes(n)))
                .andThen(Program.readMessage("note", String.class))
                .flatMap(note -> Program.perform(new Op.Echo(note.getOrElse("no note")))));
        ALL.put("continuation-throws", n -> Program.perform(new Op.Add(n, n)).map(sum -> {
            throw new IllegalStateException("the continuation saw " + sum);
        }));
    }

    private TestFlows() {}

    /** Every flow of {@link #ALL} registered with {@code executor} and {@code options}. */
    static TemporalFlows registered(dev.pureflow.Executor executor, TemporalOptions options) {
        TemporalFlows.Builder builder = TemporalFlows.builder().executor(executor).options(options);
        ALL.forEach((name, factory) -> builder.flow(name, Integer.class, factory));
        return builder.build();
    }
}
