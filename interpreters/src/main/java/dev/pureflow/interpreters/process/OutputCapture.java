package dev.pureflow.interpreters.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drains one output stream of a process to its end: keeps the first {@code limit} bytes exactly,
 * counts and drops the rest (so the child never blocks on a full pipe), and, when someone wants
 * lines, decodes them as they complete. Runs on its own reader thread; {@link #abandon()} may end the
 * capture early from another thread. Thread-safe.
 */
final class OutputCapture {

    /** Per read: asking for more made the JDK's pipe reads slower, not faster. */
    private static final int CHUNK = 64 * 1024;

    private final InputStream source;
    private final long limit;
    private final LineDecoder decoder;
    private final List<byte[]> kept = new ArrayList<>();
    private long keptBytes;
    private long totalBytes;
    private boolean ended;

    /** Captures {@code source}; lines go to {@code lines} unless it is {@code null} (nobody wants them). */
    OutputCapture(InputStream source, long limit, Charset charset, int maxLineLength, Consumer<String> lines) {
        this.source = source;
        this.limit = limit;
        this.decoder = lines == null ? null : new LineDecoder(charset, maxLineLength, lines);
    }

    /**
     * Reads to end of stream, or until the capture is abandoned.
     *
     * <p>Holds the stream's lock from the first read to the last. When a child exits, the JDK's
     * process reaper takes that lock to drain what is buffered in the pipe and close it
     * ({@code ProcessPipeInputStream.processExited}); got between two of our reads, it would close
     * the pipe under a descendant still writing to it, and the descendant's later output would be
     * lost. Held throughout, the pipe stays open until every writer has closed it. The reaper can
     * still get there first when the child exits before this thread starts; the executor then ends
     * the descendants just the same (it looks for them after every exit), but what they write
     * after the child's exit is lost.
     */
    void drain() {
        byte[] buffer = new byte[CHUNK];
        try (source) {
            synchronized (source) {
                int read;
                while ((read = source.read(buffer, 0, CHUNK)) >= 0) {
                    if (!accept(buffer, read)) {
                        return;
                    }
                }
            }
        } catch (IOException closedUnderUs) {
            // the stream was closed under us (a kill): what was read is kept
        } finally {
            end();
        }
    }

    /**
     * Ends the capture now, as if the stream had ended: what was read is the output, a last line
     * without terminator is emitted, and whatever the blocked reader gets later is dropped.
     */
    void abandon() {
        end();
    }

    private synchronized boolean accept(byte[] buffer, int read) {
        if (ended) {
            return false;
        }
        keep(buffer, read);
        if (decoder != null) {
            decoder.feed(buffer, read);
        }
        return true;
    }

    private synchronized void end() {
        if (!ended) {
            ended = true;
            if (decoder != null) {
                decoder.finish();
            }
        }
    }

    private void keep(byte[] buffer, int read) {
        totalBytes += read;
        int room = (int) Math.min(read, limit - keptBytes);
        if (room > 0) {
            kept.add(java.util.Arrays.copyOf(buffer, room));
            keptBytes += room;
        }
    }

    /** The kept bytes; call once the capture has ended. */
    synchronized byte[] bytes() {
        byte[] all = new byte[(int) keptBytes];
        int at = 0;
        for (byte[] chunk : kept) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return all;
    }

    synchronized boolean truncated() {
        return totalBytes > keptBytes;
    }
}
