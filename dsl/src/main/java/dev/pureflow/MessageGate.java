package dev.pureflow;

/**
 * Sees every message sent into a run ({@link RunHandle#send}) before the run can see it: an
 * interpreter that must keep the messages, a durable journal say, writes it here, so that a message
 * the flow may have read is never one it lost. Set with {@link RunOptions#messageGate}.
 *
 * <p>Called on the sending thread, once the run has taken the message (not for a send refused
 * because the run ended), one send at a time per run, in the order the run sees them. If it throws,
 * the message is not delivered and {@code send} throws the same exception. Implementations must be
 * thread-safe: any thread may send.
 */
@FunctionalInterface
public interface MessageGate {

    /** Lets every message through untouched: the default. */
    MessageGate OPEN = (key, value) -> { };

    /**
     * Called before {@code value} becomes the run's message under {@code key}.
     *
     * @throws RuntimeException to refuse the message: it is not delivered and the sender gets this
     */
    void admit(String key, Object value);
}
