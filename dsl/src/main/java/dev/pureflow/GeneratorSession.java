package dev.pureflow;

import io.vavr.control.Try;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * One run of a direct-style body as a coroutine: the body runs on its own virtual thread and hands
 * each step to the fiber interpreting it, parking until the outcome comes back. The fiber treats
 * the body as a source of steps, so everything that sees monadic steps sees these too.
 */
final class GeneratorSession implements Flow {

    /** What the body tells its fiber. */
    sealed interface Message {
        /** Run this program and send me its outcome. */
        record Request(Program<?> program) implements Message {}

        /** The body returned. */
        record Done(Object value) implements Message {}

        /** The body threw. */
        record Failed(Throwable error) implements Message {}
    }

    private final Mailbox<Message> requests = new Mailbox<>();
    private final Mailbox<Try<Object>> replies = new Mailbox<>();
    private final Fiber fiber;
    private Thread body;

    private GeneratorSession(Fiber fiber) {
        this.fiber = fiber;
    }

    static GeneratorSession start(Flow.Body<?> body, Fiber fiber) {
        GeneratorSession session = new GeneratorSession(fiber);
        // a plain virtual thread, not a clock participant: it only ever computes or waits for its fiber
        session.body = Thread.ofVirtual().name("pureflow-direct-" + fiber.branch()).unstarted(() -> session.runBody(body));
        session.body.start();
        return session;
    }

    /** Waits for the body's first step, or its end. */
    Message firstMessage() {
        return next();
    }

    /** Hands the body the outcome of the step it asked for and waits for its next step, or its end. */
    Message resume(Try<Object> outcome) {
        replies.put(outcome);
        return next();
    }

    @Override
    public <R> R perform(Action<R> action) {
        return run(Program.perform(action));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A> A run(Program<A> program) {
        Objects.requireNonNull(program, "program");
        if (Thread.currentThread() != body) {
            throw new IllegalStateException("a Flow handle was used outside the thread of its direct-style body;"
                    + " a body must reach the world only through its own handle, on its own thread");
        }
        requests.put(new Message.Request(program));
        Try<Object> reply = replies.takeUninterruptibly();
        if (reply.isSuccess()) {
            return (A) reply.get();
        }
        if (reply.getCause() instanceof Error fatal) {
            throw fatal;
        }
        throw FlowFailedException.unchecked(reply.getCause());
    }

    private void runBody(Flow.Body<?> code) {
        Message last;
        try {
            last = new Message.Done(code.run(this));
        } catch (Throwable failure) {
            last = new Message.Failed(failure);
        }
        requests.put(last);
    }

    private Message next() {
        Message message;
        try {
            message = requests.take();
        } catch (InterruptedException interrupted) {
            message = abort();
        }
        if (!(message instanceof Message.Request)) {
            Uninterruptibly.join(body);
        }
        return message;
    }

    /** The run was cancelled while the body computed: answer every further step with the cancellation. */
    private Message abort() {
        CancellationException reason = fiber.cancellation() != null
                ? fiber.cancellation()
                : new CancellationException("the direct-style body's runner was interrupted");
        while (true) {
            Message message = requests.takeUninterruptibly();
            if (!(message instanceof Message.Request)) {
                return message;
            }
            replies.put(Try.failure(reason));
        }
    }
}
