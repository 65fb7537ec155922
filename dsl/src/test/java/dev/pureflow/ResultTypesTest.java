package dev.pureflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers are checked against the result type an action declares, so a wrong answer is named at the boundary. */
class ResultTypesTest {

    /** Declares its result type through a generic family. */
    sealed interface Query<R> extends Action<R> {
        record Names() implements Query<List<String>> {}

        record Count() implements Query<Long> {}
    }

    /** Declares its result type directly. */
    record Direct() implements Action<Integer> {}

    /** Cannot declare a concrete type: any answer passes. */
    record Generic<T>(T value) implements Action<T> {}

    /** Declares its result type through an abstract class. */
    abstract static class Base<R> implements Action<R> {}

    /** Binds the type parameter of its base class. */
    static final class Concrete extends Base<String> {
        @Override
        public String toString() {
            return "Concrete";
        }
    }

    private static Runner answering(Object answer) {
        return Runner.of(action -> answer);
    }

    @Test
    void a_wrong_answer_fails_with_result_type_exception_naming_action_expected_and_actual_type() {
        assertThatThrownBy(() -> answering("seven").run(Program.perform(new Cmd.Get(7))))
                .isInstanceOf(ActionFailedException.class)
                .hasMessageContaining("Get[n=7]")
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("Get[n=7]")
                .hasMessageContaining("java.lang.String (seven)")
                .hasMessageContaining("java.lang.Integer")
                .satisfies(error -> assertThat(((ResultTypeException) error).action()).isEqualTo(new Cmd.Get(7)));
    }

    @Test
    void a_wrong_answer_is_shown_whole_up_to_80_characters_and_cut_with_an_ellipsis_beyond() {
        String eighty = "x".repeat(80);
        String longer = "y".repeat(81);

        assertThatThrownBy(() -> answering(eighty).run(Program.perform(new Cmd.Get(1))))
                .cause().hasMessageContaining("(" + eighty + ")");
        assertThatThrownBy(() -> answering(longer).run(Program.perform(new Cmd.Get(1))))
                .cause().hasMessageContaining("(" + "y".repeat(77) + "...)").hasMessageNotContaining("y".repeat(78));
    }

    @Test
    void a_type_declared_through_a_family_is_checked_with_its_erasure() {
        List<String> names = answering(List.of("a")).run(Program.perform(new Query.Names()));

        assertThat(names).containsExactly("a");
        assertThatThrownBy(() -> answering(3).run(Program.perform(new Query.Count())))
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("java.lang.Long");
    }

    @Test
    void a_type_declared_directly_on_action_is_checked() {
        assertThatThrownBy(() -> answering(1L).run(Program.perform(new Direct())))
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("java.lang.Integer");
        int answer = answering(1).run(Program.perform(new Direct()));
        assertThat(answer).isEqualTo(1);
    }

    @Test
    void a_type_declared_through_a_superclass_is_checked() {
        assertThatThrownBy(() -> answering(1).run(Program.perform(new Concrete())))
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("Concrete")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void a_void_action_answered_with_null_is_fine_and_with_a_value_is_not() {
        Void nothing = answering(null).run(Program.perform(new Cmd.Note("n")));

        assertThat(nothing).isNull();
        assertThatThrownBy(() -> answering("something").run(Program.perform(new Cmd.Note("n"))))
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("java.lang.Void");
    }

    @Test
    void null_for_a_non_void_action_is_a_wrong_answer() {
        assertThatThrownBy(() -> answering(null).run(Program.perform(new Cmd.Get(1))))
                .cause()
                .isInstanceOf(ResultTypeException.class)
                .hasMessageContaining("with null");
    }

    @Test
    void an_action_whose_type_is_a_type_variable_accepts_any_answer() {
        Object answer = answering(42).run(Program.perform(new Generic<>("declared as string")));

        assertThat(answer).isEqualTo(42);
    }

    @Test
    void a_subtype_of_the_declared_type_is_a_right_answer() {
        List<String> names = answering(java.util.List.of("x", "y")).run(Program.perform(new Query.Names()));

        assertThat(names).containsExactly("x", "y");
    }
}
