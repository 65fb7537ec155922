package dev.pureflow.temporal;

import dev.pureflow.Program;
import dev.pureflow.frame.LifecycleFrame;
import dev.pureflow.state.Next;
import dev.pureflow.state.StateMachine;
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
        // the deploy pipeline of the testkit showcase (examples' Pipeline.deploy): build, test, ship; clean up always
        ALL.put("deploy", n -> deploy("svc" + n));
        ALL.put("deploy-failing", n -> deploy("broken" + n));
        // a gpframe lifecycle frame whose redo loop counts to n + 2, an action in each hook and each routine
        ALL.put("frame", n -> counterFrame(n + 2));
        // a state machine that goes round PLAN -> APPLY -> VERIFY n times, carrying a counter in its arguments
        ALL.put("state-machine", n -> Rollout.MACHINE.startingAt(Rollout.PLAN, n, 0).map(Rollout::name));
        ALL.put("continuation-throws", n -> Program.perform(new Op.Add(n, n)).map(sum -> {
            throw new IllegalStateException("the continuation saw " + sum);
        }));
    }

    private TestFlows() {}

    /** Build, test, ship if the tests passed; clean up whatever happens (as the testkit showcase's deploy). */
    static Program<Void> deploy(String service) {
        return Program.perform(new Op.Build(service))
                .flatMap(artifact -> Program.perform(new Op.RunTests(artifact))
                        .flatMap(passed -> passed
                                ? Program.perform(new Op.Ship(artifact))
                                : Program.<Void>fail(new IOException("tests of " + artifact + " failed"))))
                .ensuring(Program.perform(new Op.Cleanup(service)));
    }

    /**
     * A frame that counts iterations in its routine message {@code count} (each routine performs
     * an {@code Add}) until it reaches {@code rounds} or the request {@code stop} is true; yields
     * the last count. Its on_open and on_close perform {@code Echo}s.
     */
    static Program<Integer> counterFrame(int rounds) {
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(context -> context.routineMessage()
                        .apply("count", Integer.class, count -> count + 1, 0)
                        .flatMap(count -> Program.perform(new Op.Add(count, 0))))
                .name("counter")
                .onOpen(Program.perform(new Op.Echo("open")))
                .onRedo(context -> context.request().getOrDefault("stop", Boolean.class, false)
                        .flatMap(stop -> context.routineMessage().getOrDefault("count", Integer.class, 0).map(count -> !stop && count < rounds)))
                .onClose(Program.perform(new Op.Echo("close")))
                .build();
        return frame.program().map(outcome -> outcome.routineValue().getOrElse(-1));
    }

    /** A rollout as a state machine: PLAN, APPLY and VERIFY round and round, each performing an action, until DONE. */
    enum Rollout {
        PLAN, APPLY, VERIFY, DONE;

        /** Entered with the rounds left and the rounds done; yields the state it ends in. */
        static final StateMachine<Rollout> MACHINE = StateMachine.<Rollout>builder()
                .state(PLAN, args -> Program.perform(new Op.Echo("plan " + args.get(1))).map(planned -> Next.to(APPLY, args.get(0), args.get(1))))
                .state(APPLY, args -> Program.perform(new Op.Add((Integer) args.get(1), 1)).map(done -> Next.to(VERIFY, args.get(0), done)))
                .state(VERIFY, args -> Program.perform(new Op.Echo("verify " + args.get(1)))
                        .map(verified -> (Integer) args.get(1) < (Integer) args.get(0) ? Next.to(PLAN, args.get(0), args.get(1)) : Next.to(DONE)))
                .state(DONE, Program.perform(new Op.Echo("done")).map(done -> Next.<Rollout>end()))
                .transitions(PLAN, APPLY)
                .transitions(APPLY, VERIFY)
                .transitions(VERIFY, PLAN, DONE)
                .build();
    }

    /** Every flow of {@link #ALL} registered with {@code executor} and {@code options}. */
    static TemporalFlows registered(dev.pureflow.Executor executor, TemporalOptions options) {
        TemporalFlows.Builder builder = TemporalFlows.builder().executor(executor).options(options);
        ALL.forEach((name, factory) -> builder.flow(name, Integer.class, factory));
        return builder.build();
    }
}
