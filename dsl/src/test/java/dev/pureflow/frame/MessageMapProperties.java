package dev.pureflow.frame;

import static dev.pureflow.combinators.Combinators.parallelize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pureflow.Program;
import dev.pureflow.Runner;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The maps of a frame share one lock: {@code apply} from any number of parallel branches of the
 * routine loses no update, and every branch sees each value exactly once.
 */
class MessageMapProperties {

    @Property(tries = 25)
    void apply_from_parallel_branches_loses_no_update_and_no_two_branches_see_the_same_value(
            @ForAll @IntRange(min = 1, max = 8) int branches, @ForAll @IntRange(min = 1, max = 60) int appliesEach) {
        LifecycleFrame<List<Integer>> frame = LifecycleFrame.<List<Integer>>builder(ctx -> Program.parallel(
                        IntStream.range(0, branches).mapToObj(branch -> Program.sequence(Collections.nCopies(appliesEach,
                                ctx.routineMessage().apply("count", Integer.class, n -> n + 1, 0)))).toList())
                        .map(perBranch -> perBranch.flatMap(values -> values).toJavaList()))
                .build();

        FrameOutcome<List<Integer>> outcome = Runner.of(new Notebook().executor().with(parallelize(8))).run(frame.program());

        int total = branches * appliesEach;
        assertThat(outcome.routineMessage().get("count")).contains(total);
        assertThat(outcome.routineValue().get()).hasSize(total).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
    }
}
