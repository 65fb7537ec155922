package dev.pureflow.interpreters.journal;

import dev.pureflow.Program;
import java.util.Objects;
import java.util.function.Function;

/**
 * A named way to build a program from JSON-mappable arguments, registered with a
 * {@link DurableRunner} so that a run can be rebuilt after a restart: programs hold lambdas and are
 * never stored, the name and the arguments are. The factory must build the same program from the
 * same arguments each time (it may read nothing that changes between a crash and the resume).
 * Immutable.
 *
 * @param name          the name runs record, unique in a runner
 * @param argumentsType the class the arguments are read back as (a record, say)
 * @param build         builds the program from the arguments
 * @param <P>           the arguments' type
 * @param <A>           the program's result type
 */
public record DurableFlow<P, A>(String name, Class<P> argumentsType, Function<? super P, ? extends Program<A>> build) {

    /** Checks for nulls and an empty name. */
    public DurableFlow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argumentsType, "argumentsType");
        Objects.requireNonNull(build, "build");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a durable flow needs a name");
        }
    }

    /** The flow named {@code name} building its program with {@code build} from arguments of {@code argumentsType}. */
    public static <P, A> DurableFlow<P, A> of(String name, Class<P> argumentsType, Function<? super P, ? extends Program<A>> build) {
        return new DurableFlow<>(name, argumentsType, build);
    }
}
