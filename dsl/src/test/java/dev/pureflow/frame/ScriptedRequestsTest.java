package dev.pureflow.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.BuiltIn;
import dev.pureflow.Executor;
import dev.pureflow.Runner;
import io.vavr.control.Option;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A frame's request reads and message writes are built-in actions: an executor can answer them
 * instead of the runner (as a scripted test or a durable interpreter does), and sees each as a step.
 */
class ScriptedRequestsTest {

    @Test
    void a_scripted_executor_answers_the_frames_request_reads_and_sees_its_publishes_as_steps() {
        List<BuiltIn<?>> steps = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Executor script = Executor.of(BuiltIn.class, builtIn -> {
            steps.add(builtIn);
            return switch (builtIn) {
                case BuiltIn.ReadMessage<?> read -> reads.incrementAndGet() == 3 ? Option.some(true) : Option.none();
                case BuiltIn.Publish publish -> null;
                case BuiltIn.AwaitMessage<?> await -> throw new AssertionError("the frame does not wait here: " + await);
                case BuiltIn.Sleep sleep -> throw new AssertionError("the frame does not sleep here: " + sleep);
                case BuiltIn.Now now -> throw new AssertionError("the frame does not read the time here: " + now);
            };
        });
        LifecycleFrame<Integer> frame = LifecycleFrame.<Integer>builder(ctx -> ctx.routineMessage().apply("count", Integer.class, n -> n + 1, 0))
                .onRedo(ctx -> ctx.request().getOrDefault("stop", Boolean.class, false).map(stop -> !stop))
                .build();
        Runner runner = Runner.of(script).with(options -> options.builtIns(BuiltIn.AnsweredBy.EXECUTOR));

        FrameOutcome<Integer> outcome = runner.run(frame.program());

        assertThat(outcome.routineValue()).contains(3);
        assertThat(steps).hasSize(7).startsWith(
                new BuiltIn.Publish("frame/routine_message/count", 1), new BuiltIn.ReadMessage<>("stop", Boolean.class),
                new BuiltIn.Publish("frame/routine_message/count", 2), new BuiltIn.ReadMessage<>("stop", Boolean.class),
                new BuiltIn.Publish("frame/routine_message/count", 3), new BuiltIn.ReadMessage<>("stop", Boolean.class),
                new BuiltIn.Publish("frame/outcome", outcome));
    }
}
