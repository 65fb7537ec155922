package dev.pureflow.interpreters.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.io.FileDescriptor;
import java.io.RandomAccessFile;
import java.io.SyncFailedException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * An append-only file of records, each framed so that a damaged or half-written one is found:
 * a 4-byte big-endian payload length, a 4-byte CRC32C of the length and payload, then the payload.
 *
 * <p><b>Recovery.</b> Reading walks the frames from the start. A frame that does not check (its
 * length runs past the end, its checksum differs) is either the last write, cut short by a crash,
 * or damage: if an intact frame starts anywhere after it, the file is corrupt and reading fails with
 * a {@link JournalCorruptedException} naming the file and the offset of the bad frame; if none does,
 * it was a torn tail, and {@link #open} cuts it off so the next append follows the last intact record.
 * A bit flipped in the last record drops that record only; one flipped in an earlier record fails loudly.
 *
 * <p><b>Durability</b> as {@link Durability} says: with {@link Durability.EveryStep} an append returns
 * after the file is forced to disk; with {@link Durability.GroupCommit} after the bytes are written
 * to the operating system, the file being forced at most the window later. Thread-safe: appends are
 * serialised; one process should hold a file open for appending at a time.
 */
public final class JournalFile implements AutoCloseable {

    /** Length and checksum before each payload. */
    static final int HEADER_BYTES = 8;
    /** The largest payload written or read: a longer length field is damage. */
    public static final int MAX_RECORD_BYTES = 64 << 20;

    /** Forces group-committed files; one daemon thread for all journals of the JVM. */
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pureflow-journal-group-commit");
        thread.setDaemon(true);
        return thread;
    });

    private final Path file;
    /**
     * Written through a {@code RandomAccessFile}, not a {@code FileChannel}: an interrupt (a run's
     * cancel reaching a branch mid-append) closes an interruptible channel for every later append.
     */
    private final RandomAccessFile out;
    private final Durability durability;
    private final List<byte[]> recovered;
    private long size;
    private boolean flushPending;

    private JournalFile(Path file, RandomAccessFile out, Durability durability, List<byte[]> recovered, long size) {
        this.file = file;
        this.out = out;
        this.durability = durability;
        this.recovered = recovered;
        this.size = size;
    }

    /** What a journal file holds: its intact records, and how many bytes they take (the rest is a torn tail). */
    public record Contents(List<byte[]> records, long intactBytes, long fileBytes) {
        /** Copies the list. */
        public Contents {
            records = List.copyOf(records);
        }

        /** Whether the file ends in a torn record that {@link #open} would cut off. */
        public boolean tornTail() {
            return intactBytes < fileBytes;
        }
    }

    /**
     * The intact records of {@code file}, without changing it.
     *
     * @throws JournalCorruptedException if a damaged record is followed by an intact one
     */
    public static Contents read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] bytes = Files.readAllBytes(file);
        return parse(file, bytes);
    }

    /**
     * Opens {@code file} for appending, creating it if absent, cutting off a torn last record.
     *
     * @throws JournalCorruptedException if a damaged record is followed by an intact one
     */
    public static JournalFile open(Path file, Durability durability) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(durability, "durability");
        boolean created = !Files.exists(file);
        RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw");
        try {
            long length = out.length();
            if (length > Integer.MAX_VALUE - 16) {
                throw new IOException("journal " + file + " is too large to recover: " + length + " bytes");
            }
            byte[] bytes = new byte[(int) length];
            out.readFully(bytes);
            Contents contents = parse(file, bytes);
            if (contents.tornTail()) {
                out.setLength(contents.intactBytes());
                out.getFD().sync();
            }
            out.seek(contents.intactBytes());
            if (created) {
                forceDirectory(file);
            }
            return new JournalFile(file, out, durability, contents.records(), contents.intactBytes());
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Makes a new file's directory entry durable, where the platform lets a directory be forced. */
    private static void forceDirectory(Path file) {
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Windows cannot open a directory as a channel; its file creation is durable with the file's force
        }
    }

    /** The records that were intact when the file was opened, oldest first. */
    public List<byte[]> recovered() {
        return recovered;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** How many bytes the file holds now. */
    public synchronized long size() {
        return size;
    }

    /**
     * Appends one record, durable as the file's {@link Durability} says when this returns.
     *
     * @throws IllegalArgumentException if the payload is empty or longer than {@link #MAX_RECORD_BYTES}
     */
    public void append(byte[] payload) throws IOException {
        Objects.requireNonNull(payload, "payload");
        if (payload.length == 0 || payload.length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("a journal record must hold 1 to " + MAX_RECORD_BYTES + " bytes, not " + payload.length);
        }
        byte[] frame = frame(payload).array();
        boolean schedule;
        synchronized (this) {
            out.write(frame);
            size += frame.length;
            switch (durability) {
                case Durability.EveryStep every -> {
                    out.getFD().sync();
                    schedule = false;
                }
                case Durability.GroupCommit group -> {
                    schedule = !flushPending;
                    flushPending = true;
                }
            }
        }
        if (schedule && durability instanceof Durability.GroupCommit group) {
            FLUSHER.schedule(this::flush, group.window().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Forces what was written since the last force; outside the lock, so appends go on meanwhile. */
    private void flush() {
        synchronized (this) {
            flushPending = false;
        }
        try {
            force();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force journal " + file, e);
        }
    }

    /** Forces every appended record to disk now. */
    public void force() throws IOException {
        FileDescriptor descriptor = out.getFD();
        if (descriptor.valid()) {
            try {
                descriptor.sync();
            } catch (SyncFailedException closedMeanwhile) {
                if (descriptor.valid()) {
                    throw closedMeanwhile;
                }
                // close() forced it
            }
        }
    }

    /** Forces and closes the file. */
    @Override
    public synchronized void close() throws IOException {
        if (out.getFD().valid()) {
            try {
                out.getFD().sync();
            } finally {
                out.close();
            }
        }
    }

    /** The frame of one payload: length, CRC32C of length and payload, payload. */
    static ByteBuffer frame(byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
        frame.putInt(0, payload.length);
        frame.put(HEADER_BYTES, payload);
        frame.putInt(4, checksum(frame.array(), 0, payload.length)); // over the length and payload put above
        return frame;
    }

    /** The checksum of the 4 length bytes at {@code at} and the {@code length} payload bytes after the header. */
    private static int checksum(byte[] bytes, int at, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, at, 4);
        crc.update(bytes, at + HEADER_BYTES, length);
        return (int) crc.getValue();
    }

    static Contents parse(Path file, byte[] bytes) {
        List<byte[]> records = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            String damage = damage(bytes, offset);
            if (damage != null) {
                for (int later = offset + 1; later + HEADER_BYTES < bytes.length; later++) {
                    if (damage(bytes, later) == null) {
                        throw new JournalCorruptedException(file, offset, damage + ", and an intact record follows at byte offset " + later);
                    }
                }
                return new Contents(records, offset, bytes.length); // the last write, cut short
            }
            int length = ByteBuffer.wrap(bytes, offset, 4).getInt();
            byte[] payload = new byte[length];
            System.arraycopy(bytes, offset + HEADER_BYTES, payload, 0, length);
            records.add(payload);
            offset += HEADER_BYTES + length;
        }
        return new Contents(records, offset, bytes.length);
    }

    /** Why the frame at {@code offset} is not intact, or null if it is. */
    private static String damage(byte[] bytes, int offset) {
        if (bytes.length - offset < HEADER_BYTES) {
            return "the record's header is cut short";
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, offset, HEADER_BYTES);
        int length = header.getInt();
        int stored = header.getInt();
        if (length <= 0 || length > MAX_RECORD_BYTES) {
            return "the record's length " + length + " is impossible";
        }
        if ((long) offset + HEADER_BYTES + length > bytes.length) {
            return "the record's length " + length + " runs past the end of the file";
        }
        if (checksum(bytes, offset, length) != stored) {
            return "the record's CRC32C does not match";
        }
        return null;
    }
}
