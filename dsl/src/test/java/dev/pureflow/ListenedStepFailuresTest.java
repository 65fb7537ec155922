package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vavr.control.Option;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A listener changes nothing about how a step fails: a wrong answer is refused with the same
 * {@link ResultTypeException}, and a failure names the steps before it, whichever of the runner's
 * paths performs the step (no listener, a {@link StepListener}, a {@link StepTimingListener}). Each
 * path has its own copy of the type check and of the trail (mutation testing found the listened
 * copies unpinned).
 */
class ListenedStepFailuresTest {

    static Stream<StepListener> listeners() {
        return Stream.of(
                StepListener.NONE,
                new StepListener() {},
                new StepTimingListener() {
                    @Override
                    public void stepStarted(Action<?> action) {}

                    @Override
                    public void stepFinished(Action<?> action, Option<Throwable> failure, long nanos) {}
                });
    }

    private static Runner runner(StepListener listener, Executor executor) {
        return Runner.of(executor).with(options -> options.listener(listener));
    }

    @ParameterizedTest
    @MethodSource("listeners")
    void a_wrong_answer_is_refused_with_the_action_and_both_types_under_any_listener(StepListener listener) {
        Executor answersText = action -> "seven";

        assertThatThrownBy(() -> runner(listener, answersText).run(Program.perform(new Cmd.Get(7))))
                .isInstanceOf(ActionFailedException.class)
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("Get[n=7]")
                .hasMessageContaining("java.lang.String (seven)")
                .hasMessageContaining("java.lang.Integer");
    }

    @ParameterizedTest
    @MethodSource("listeners")
    void a_failed_step_names_the_steps_before_it_on_its_branch_under_any_listener(StepListener listener) {
        Executor failsOnThird = action -> switch ((Cmd<?>) action) {
            case Cmd.Get get when get.n() == 3 -> throw new IllegalStateException("no 3");
            case Cmd.Get get -> get.n();
            default -> null;
        };
        Program<Integer> flow = Program.perform(new Cmd.Get(1))
                .flatMap(one -> Program.perform(new Cmd.Get(2)))
                .flatMap(two -> Program.perform(new Cmd.Get(3)));

        assertThatThrownBy(() -> runner(listener, failsOnThird).run(flow))
                .isInstanceOfSatisfying(ActionFailedException.class, failed -> {
                    assertThat(failed.action()).isEqualTo(new Cmd.Get(3));
                    assertThat(failed.step()).isEqualTo(3);
                    assertThat(failed.key()).isEqualTo(StepKey.parse("main#2"));
                    assertThat(failed.before()).containsExactly(new Cmd.Get(1), new Cmd.Get(2));
                });
    }
}
