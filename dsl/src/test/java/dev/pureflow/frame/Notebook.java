package dev.pureflow.frame;

import dev.pureflow.Action;
import dev.pureflow.Executor;
import dev.pureflow.Program;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The world of the frame tests: {@link Note.Say} writes a line to {@link #lines}, {@link Note.Block}
 * parks until its thread is interrupted (and counts the interrupt), {@link Note.Pause} waits until the test resumes it. Thread-safe.
 */
final class Notebook {

    /** How long a test waits for something that should happen at once before it fails. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** The actions of the frame tests. */
    sealed interface Note<R> extends Action<R> {
        /** Writes {@code text} to the notebook. */
        record Say(String text) implements Note<Void> {}

        /** Parks until interrupted. */
        record Block(String text) implements Note<Void> {}

        /** Writes {@code text}, then waits until the test {@link #resume resumes} it. */
        record Pause(String text) implements Note<Void> {}
    }

    final List<String> lines = new CopyOnWriteArrayList<>();
    final AtomicInteger interrupted = new AtomicInteger();
    private final CountDownLatch blocking = new CountDownLatch(1);
    private final CountDownLatch never = new CountDownLatch(1);
    private final Semaphore paused = new Semaphore(0);
    private final Semaphore resumed = new Semaphore(0);

    Executor executor() {
        return Executor.of(Note.class, note -> switch (note) {
            case Note.Say say -> {
                lines.add(say.text());
                yield null;
            }
            case Note.Pause pause -> {
                lines.add(pause.text());
                paused.release();
                resumed.acquire();
                yield null;
            }
            case Note.Block block -> {
                lines.add(block.text());
                blocking.countDown();
                try {
                    never.await();
                } catch (InterruptedException stopped) {
                    interrupted.incrementAndGet();
                    throw stopped;
                }
                yield null;
            }
        });
    }

    /** Waits until a {@link Note.Block} has started. */
    void awaitBlocking() throws InterruptedException {
        if (!blocking.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no Block started within " + PATIENCE);
        }
    }

    /** Waits until a {@link Note.Pause} is waiting. */
    void awaitPaused() throws InterruptedException {
        if (!paused.tryAcquire(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no Pause started within " + PATIENCE);
        }
    }

    /** Lets the waiting {@link Note.Pause} go on. */
    void resume() {
        resumed.release();
    }

    static Program<Void> say(String text) {
        return Program.perform(new Note.Say(text));
    }

    static Program<Void> block(String text) {
        return Program.perform(new Note.Block(text));
    }
}
