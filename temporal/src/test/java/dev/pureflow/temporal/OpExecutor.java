package dev.pureflow.temporal;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** The tests' executor for {@link Op}: in memory, thread-safe, and it remembers every call it got. */
final class OpExecutor implements Executor {

    final List<Action<?>> calls = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final CountDownLatch hanging = new CountDownLatch(1);
    final AtomicInteger interrupted = new AtomicInteger();
    private final int parallelism;

    OpExecutor() {
        this(1);
    }

    OpExecutor(int parallelism) {
        this.parallelism = parallelism;
    }

    @Override
    public Object execute(Action<?> action) throws Exception {
        calls.add(action);
        return switch ((Op<?>) action) {
            case Op.Fetch fetch -> IntStream.range(0, fetch.n()).mapToObj(i -> fetch.container() + i).toList();
            case Op.Greet greet -> null;
            case Op.Add add -> add.a() + add.b();
            case Op.Boom boom -> throw new IOException(boom.why());
            case Op.Flaky flaky -> {
                int attempt = attempts.computeIfAbsent(flaky.id(), id -> new AtomicInteger()).incrementAndGet();
                if (attempt <= flaky.failures()) {
                    throw new IOException("attempt " + attempt + " of " + flaky.id() + " failed");
                }
                yield attempt;
            }
            case Op.Acquire acquire -> "lease-" + acquire.name();
            case Op.Release release -> null;
            case Op.Hang hang -> {
                hanging.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException stop) {
                    interrupted.incrementAndGet();
                    throw stop;
                }
                yield null;
            }
            case Op.Blob blob -> "x".repeat(blob.size());
            case Op.Echo echo -> echo.text();
            case Op.Build build -> build.service() + ".jar";
            case Op.RunTests tests -> !tests.artifact().startsWith("broken");
            case Op.Ship ship -> null;
            case Op.Cleanup cleanup -> null;
        };
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    /** The calls so far, in order. */
    List<Action<?>> calls() {
        return new ArrayList<>(calls);
    }
}
