package dev.letterbox.smtp.internal;

import dev.letterbox.core.store.MessageSource;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Message bytes of one transaction: in memory up to a threshold, then in a temp file. The file is
 * deleted by {@link #close()}, which the session calls on every path out of a transaction (data
 * handed off, RSET, errors, disconnect). Used by one thread.
 */
public final class Spool implements AutoCloseable {
    /**
     * Room kept free before the in-memory bytes, so the trace header fields can be put in front of
     * the message without copying it ({@link #toSource(byte[])}).
     */
    static final int HEADROOM = 1024;

    private final int memoryThreshold;
    private final Optional<Path> directory;
    private byte[] memory;
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean closed;

    public Spool(int memoryThreshold, Optional<Path> directory) {
        this.memoryThreshold = memoryThreshold;
        this.directory = directory;
        this.memory = new byte[HEADROOM + Math.max(0, Math.min(8 * 1024, memoryThreshold))];
    }

    public void write(byte[] b, int off, int len) {
        if (closed) throw new IllegalStateException("spool closed");
        if (len == 0) return;
        try {
            if (fileOut == null && size + len > memoryThreshold) moveToFile();
            if (fileOut != null) {
                fileOut.write(b, off, len);
            } else {
                int need = HEADROOM + (int) size + len;
                if (need > memory.length) {
                    int doubled = HEADROOM + Math.min((memory.length - HEADROOM) * 2, memoryThreshold);
                    memory = Arrays.copyOf(memory, Math.max(need, doubled));
                }
                System.arraycopy(b, off, memory, HEADROOM + (int) size, len);
            }
            size += len;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void moveToFile() throws IOException {
        file = directory.isPresent() ? Files.createTempFile(directory.get(), "letterbox-smtp-", ".eml")
                : Files.createTempFile("letterbox-smtp-", ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        fileOut.write(memory, HEADROOM, (int) size);
        memory = null;
    }

    public long size() {
        return size;
    }

    /** The temp file, when the spool has moved to disk (tests check it is deleted). */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Finishes writing; the returned source stays valid until {@link #close()}. */
    public MessageSource toSource() {
        return toSource(new byte[0]);
    }

    /**
     * Finishes writing; the returned source is {@code prefix} followed by the spooled bytes and stays
     * valid until {@link #close()}. In memory, a prefix that fits the headroom is placed in front of
     * the bytes, so the message is not copied: the source reads the spool's own array.
     */
    public MessageSource toSource(byte[] prefix) {
        try {
            if (fileOut != null) fileOut.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final long length = size;
        if (file == null) {
            if (prefix.length > HEADROOM) {
                byte[] all = new byte[prefix.length + (int) length];
                System.arraycopy(prefix, 0, all, 0, prefix.length);
                System.arraycopy(memory, HEADROOM, all, prefix.length, (int) length);
                return MessageSource.ofBytes(all);
            }
            int start = HEADROOM - prefix.length;
            System.arraycopy(prefix, 0, memory, start, prefix.length);
            return arraySource(memory, start, prefix.length + (int) length);
        }
        return prefixed(prefix, fileSource(length));
    }

    /** A source over {@code a[off, off + len)}; the array is not copied until a reader asks for it. */
    private static MessageSource arraySource(byte[] a, int off, int len) {
        return new MessageSource() {
            @Override
            public long size() {
                return len;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(a, off, len);
            }

            @Override
            public byte[] readAllBytes() {
                return Arrays.copyOfRange(a, off, off + len);
            }
        };
    }

    private MessageSource fileSource(long length) {
        final Path path = file;
        return new MessageSource() {
            @Override
            public long size() {
                return length;
            }

            @Override
            public InputStream open() throws IOException {
                if (closed) throw new IOException("message source is no longer valid");
                return Files.newInputStream(path);
            }
        };
    }

    /** The first up to {@code max} bytes (header scanning); in memory a view of the spool, not a copy. */
    public ByteBuffer head(int max) {
        int n = (int) Math.min(max, size);
        if (file == null) return ByteBuffer.wrap(memory, HEADROOM, n).slice();
        try {
            fileOut.flush();
            try (InputStream in = Files.newInputStream(file)) {
                return ByteBuffer.wrap(in.readNBytes(n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        memory = null;
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // deleting below is what matters
            }
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.getLogger(Spool.class.getName()).log(System.Logger.Level.WARNING,
                        "could not delete spool file " + file, e);
            }
        }
    }

    /** A source that is {@code prefix} followed by {@code body}. */
    public static MessageSource prefixed(byte[] prefix, MessageSource body) {
        if (prefix.length == 0) return body;
        return new MessageSource() {
            @Override
            public long size() {
                return prefix.length + body.size();
            }

            @Override
            public InputStream open() throws IOException {
                return new java.io.SequenceInputStream(new ByteArrayInputStream(prefix), body.open());
            }

            @Override
            public byte[] readAllBytes() throws IOException {
                long total = size();
                if (total > Integer.MAX_VALUE - 8) return MessageSource.super.readAllBytes();
                byte[] all = new byte[(int) total];
                System.arraycopy(prefix, 0, all, 0, prefix.length);
                try (InputStream in = body.open()) {
                    int n = in.readNBytes(all, prefix.length, all.length - prefix.length);
                    if (n != all.length - prefix.length) throw new IOException("spool shorter than its size");
                }
                return all;
            }
        };
    }
}
