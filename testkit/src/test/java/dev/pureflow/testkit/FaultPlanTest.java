package dev.pureflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pureflow.Action;
import dev.pureflow.ActionFailedException;
import dev.pureflow.Program;
import dev.pureflow.combinators.ActionTimeoutException;
import dev.pureflow.interpreters.fake.FakeExecutor;
import dev.pureflow.testkit.Ops.Build;
import dev.pureflow.testkit.Ops.Deploy;
import dev.pureflow.testkit.Ops.Fetch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    /** Two generic sealed families, as users declare them: their literals are raw {@code Class<Db>}, {@code Class<Mail>}. */
    sealed interface Db<R> extends Action<R> {
        record Query(String sql) implements Db<List<String>> {}
    }

    sealed interface Mail<R> extends Action<R> {
        record Send(String to) implements Mail<Void> {}
    }

    static final Program<Void> QUERY_THEN_MAIL = Program.perform(new Db.Query("select 1"))
            .flatMap(rows -> Program.perform(new Mail.Send("ops")))
            .flatMap(sent -> Program.perform(new Db.Query("select 2")))
            .flatMap(rows -> Program.perform(new Mail.Send("dev")));

    static final FakeExecutor DB_AND_MAIL = FakeExecutor.builder()
            .on(Db.class, query -> List.of("row"))
            .on(Mail.class, send -> null)
            .build();

    static final FakeExecutor FAKE = FakeExecutor.builder()
            .on(Fetch.class, fetch -> "value of " + fetch.key())
            .on(Build.class, build -> build.service() + ".jar")
            .on(Deploy.class, deploy -> null)
            .build();

    static final Program<String> FETCH_THREE = Program.perform(new Fetch("a"))
            .andThen(Program.perform(new Fetch("b")))
            .andThen(Program.perform(new Fetch("c")));

    @Test
    void a_plan_reads_as_the_faults_it_injects() {
        FaultPlan plan = FaultPlan.NONE
                .fail(Fetch.class, 2, IOException.class)
                .slow(Deploy.class, 1, Duration.ofSeconds(3))
                .timeOut(Build.class, 1, Duration.ofMillis(1500));

        assertThat(plan).hasToString("fail Fetch#2 with IOException; slow Deploy#1 by 3s; time out Build#1 after 1s500ms");
        assertThat(FaultPlan.NONE).hasToString("no faults");
    }

    @Test
    void a_failure_hits_exactly_the_named_occurrence() {
        FaultRun<String> run = FaultRun.of(FETCH_THREE, FaultPlan.NONE.fail(Fetch.class, 2, IOException.class),
                (clock, faults) -> FAKE.with(faults));

        assertThat(run.outcome().getCause()).isInstanceOf(ActionFailedException.class).cause()
                .isInstanceOf(IOException.class).hasMessageContaining("fail Fetch#2 with IOException");
        assertThat(run.trace().actions()).containsExactly(new Fetch("a"), new Fetch("b"));
        assertThat(run.fired()).containsExactly(Fault.fail(Fetch.class, 2, IOException.class));
    }

    @Test
    void a_slow_occurrence_takes_its_delay_in_virtual_time_and_then_succeeds() {
        FaultRun<String> run = FaultRun.of(FETCH_THREE, FaultPlan.NONE.slow(Fetch.class, 3, Duration.ofSeconds(3)),
                (clock, faults) -> FAKE.with(faults));

        assertThat(run.outcome().get()).isEqualTo("value of c");
        TraceAssert.assertThat(run.trace()).took(new Fetch("c"), Duration.ofSeconds(3)).took(new Fetch("a"), Duration.ZERO);
        assertThat(run.elapsed()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void a_timed_out_occurrence_hangs_until_its_limit_and_fails_as_a_timeout_does() {
        FaultRun<String> run = FaultRun.of(FETCH_THREE, FaultPlan.NONE.timeOut(Fetch.class, 1, Duration.ofSeconds(30)),
                (clock, faults) -> FAKE.with(faults));

        assertThat(run.outcome().getCause()).cause().isInstanceOf(ActionTimeoutException.class);
        assertThat(run.elapsed()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_family_or_action_type_counts_every_action_of_it() {
        Program<String> flow = Program.perform(new Build("api")).andThen(FETCH_THREE);
        FaultRun<String> run = FaultRun.of(flow, FaultPlan.NONE.fail(Ops.class, 3, IllegalStateException.class),
                (clock, faults) -> FAKE.with(faults));

        assertThat(run.trace().actions()).containsExactly(new Build("api"), new Fetch("a"), new Fetch("b"));
        assertThat(run.outcome().getCause()).cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_failed_check_reports_the_plan_the_outcome_and_the_trace() {
        FaultRun<String> run = FaultRun.of(FETCH_THREE, FaultPlan.NONE.slow(Fetch.class, 2, Duration.ofSeconds(1)),
                (clock, faults) -> FAKE.with(faults));

        assertThatThrownBy(() -> run.check(done -> assertThat(done.elapsed()).as("elapsed").isZero()))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("""
                        under fault plan: slow Fetch#2 by 1s
                        faults that fired: slow Fetch#2 by 1s
                        the flow succeeded with value of c after 1s
                        trace:
                          #1 main#0     +0s     Fetch[key=a] -> value of a (0s)
                          #2 main#1     +0s     Fetch[key=b] -> value of b (1s)
                          #3 main#2     +1s     Fetch[key=c] -> value of c (0s)
                        """)
                .hasMessageContaining("[elapsed]");
    }

    @Test
    void the_longest_run_of_consecutive_failures_is_counted_per_type() {
        FaultPlan plan = FaultPlan.NONE.fail(Fetch.class, 1, IOException.class).fail(Fetch.class, 2, IOException.class)
                .slow(Fetch.class, 3, Duration.ofSeconds(1)).fail(Build.class, 3, IOException.class)
                .timeOut(Fetch.class, 4, Duration.ofSeconds(1));

        assertThat(plan.maxConsecutiveFailures()).isEqualTo(2);
        assertThat(FaultPlan.NONE.maxConsecutiveFailures()).isZero();
    }

    @Test
    void bad_faults_are_refused_naming_what_is_wrong() {
        assertThatThrownBy(() -> Fault.fail(Fetch.class, 0, IOException.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurrence counts from 1");
        assertThatThrownBy(() -> Fault.fail(String.class, 1, IOException.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String is not an Action type");
        assertThatThrownBy(() -> Fault.slow(Fetch.class, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> FaultPlan.arbitrary(Fetch.class).withMaxDelay(Duration.ofNanos(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay");
    }

    @Test
    void plans_are_generated_for_generic_sealed_families_named_by_their_literals() {
        FaultPlanArbitrary families = FaultPlan.arbitrary(Db.class, Mail.class).withMaxFaults(2).withKinds(Fault.Kind.FAIL);

        List<FaultPlan> plans = families.sampleStream().limit(200).toList();

        assertThat(plans).flatExtracting(FaultPlan::faults).<Class<?>>map(fault -> fault.target().type())
                .containsOnly(Db.class, Mail.class).contains(Db.class, Mail.class);
        FaultRun<Void> run = FaultRun.of(QUERY_THEN_MAIL, FaultPlan.NONE.fail(Mail.class, 2, IOException.class),
                (clock, faults) -> DB_AND_MAIL.with(faults));
        assertThat(run.fired()).containsExactly(Fault.fail(Mail.class, 2, IOException.class));
        assertThat(run.trace().stepsOf(Db.class)).hasSize(2);
    }

    @Property(tries = 50)
    void a_family_plan_fails_the_flow_exactly_when_one_of_its_failures_fired(@ForAll("familyPlans") FaultPlan plan) {
        FaultRun<Void> run = FaultRun.of(QUERY_THEN_MAIL, plan, (clock, faults) -> DB_AND_MAIL.with(faults));

        assertThat(run.fired()).allSatisfy(fault -> assertThat(fault.target().type()).isIn(Db.class, Mail.class));
        assertThat(run.outcome().isFailure()).isEqualTo(run.fired().stream().anyMatch(Fault::failsAction));
    }

    @Provide
    Arbitrary<FaultPlan> familyPlans() {
        return FaultPlan.arbitrary(Db.class, Mail.class).withMaxOccurrence(2).withMaxDelay(Duration.ofSeconds(1));
    }

    @Provide
    Arbitrary<FaultPlan> plans() {
        return FaultPlan.arbitrary(Fetch.class, Build.class).withMaxFaults(4).withMaxOccurrence(3)
                .withErrors(IOException.class, IllegalStateException.class).withMaxDelay(Duration.ofSeconds(2));
    }

    @Property
    void generated_plans_stay_within_their_configuration(@ForAll("plans") FaultPlan plan) {
        assertThat(plan.faults()).hasSizeLessThanOrEqualTo(4);
        assertThat(plan.faults()).extracting(Fault::target).doesNotHaveDuplicates();
        for (Fault fault : plan.faults()) {
            assertThat(fault.target().type()).isIn(Fetch.class, Build.class);
            assertThat(fault.target().occurrence()).isBetween(1, 3);
            switch (fault.effect()) {
                case Fault.Fail fail -> assertThat(fail.error()).isIn(IOException.class, IllegalStateException.class);
                case Fault.Slow slow -> assertThat(slow.by()).isBetween(Duration.ofMillis(1), Duration.ofSeconds(2));
                case Fault.TimeOut timeOut -> assertThat(timeOut.after()).isBetween(Duration.ofMillis(1), Duration.ofSeconds(2));
            }
        }
    }

    @Property(tries = 50)
    void a_plan_fires_only_faults_whose_occurrence_came(@ForAll("plans") FaultPlan plan) {
        FaultRun<String> run = FaultRun.of(FETCH_THREE, plan, (clock, faults) -> FAKE.with(faults));

        assertThat(plan.faults()).containsAll(run.fired());
        for (Fault fault : run.fired()) {
            assertThat(run.trace().stepsOf(fault.target().type())).hasSizeGreaterThanOrEqualTo(fault.target().occurrence());
        }
        List<Fault> failing = run.fired().stream().filter(Fault::failsAction).toList();
        assertThat(run.outcome().isFailure()).isEqualTo(!failing.isEmpty());
    }
}
