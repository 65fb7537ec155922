package dev.pureflow.temporal;

import dev.pureflow.Program;
import java.util.function.Function;

/**
 * A flow the workers know by name: how to read its arguments from JSON and build its program from
 * them. Immutable.
 */
record NamedFlow<T>(String name, Class<T> argumentsType, Function<? super T, ? extends Program<?>> factory) {

    /** The program for the arguments written as {@code json}. */
    Program<?> build(String json) {
        T arguments = PayloadCodec.INSTANCE.decode(json, argumentsType);
        Program<?> program = factory.apply(arguments);
        if (program == null) {
            throw new NullPointerException("the factory of flow " + name + " returned null instead of a program");
        }
        return program;
    }
}
