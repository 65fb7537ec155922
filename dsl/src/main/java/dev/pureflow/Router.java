package dev.pureflow;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import java.util.Objects;

/**
 * An executor that sends each action to the executor routed for its family: {@code Cmd} actions
 * here, process actions there. The first route whose class the action is an instance of wins; an
 * action no route takes fails with {@link UnhandledActionException} listing the routed families.
 *
 * <pre>{@code
 * Executor world = Executor.routing()
 *     .route(Cmd.class, cmdExecutor)
 *     .route(Deploy.class, deployExecutor)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe if the routed executors are.
 */
public final class Router implements Executor {

    private final Map<Class<?>, Executor> routes;

    private Router(Map<Class<?>, Executor> routes) {
        this.routes = routes;
    }

    static Builder builder() {
        return new Builder(LinkedHashMap.empty());
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        for (var route : routes) {
            if (route._1.isInstance(action)) {
                return route._2.execute(action);
            }
        }
        throw new UnhandledActionException(action, "no route for it; routed families: "
                + routes.keySet().map(Class::getSimpleName).mkString(", "));
    }

    @Override
    public String toString() {
        return "Router" + routes.keySet().map(Class::getSimpleName).mkString("[", ", ", "]");
    }

    /** Collects routes; immutable, each call returns a new builder. */
    public static final class Builder {
        private final Map<Class<?>, Executor> routes;

        private Builder(Map<Class<?>, Executor> routes) {
            this.routes = routes;
        }

        /**
         * Sends actions that are instances of {@code family} to {@code executor}. Generic in the
         * family, as {@link Executor#of} is, so that a generic sealed family such as
         * {@code Cmd.class} for {@code Cmd<R> extends Action<R>} is accepted.
         */
        public <F extends Action<?>> Builder route(Class<F> family, Executor executor) {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(executor, "executor");
            if (routes.containsKey(family)) {
                throw new IllegalArgumentException("family " + family.getName() + " is routed twice");
            }
            return new Builder(routes.put(family, executor));
        }

        /** The router; at least one route is needed. */
        public Router build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException("a router needs at least one route");
            }
            return new Router(routes);
        }
    }
}
