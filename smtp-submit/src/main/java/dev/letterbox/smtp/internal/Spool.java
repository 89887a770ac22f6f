package dev.letterbox.smtp.internal;

import dev.letterbox.core.store.MessageSource;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
    private final int memoryThreshold;
    private final Optional<Path> directory;
    private byte[] memory = new byte[1024];
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean closed;

    public Spool(int memoryThreshold, Optional<Path> directory) {
        this.memoryThreshold = memoryThreshold;
        this.directory = directory;
    }

    public void write(byte[] b, int off, int len) {
        if (closed) throw new IllegalStateException("spool closed");
        if (len == 0) return;
        try {
            if (fileOut == null && size + len > memoryThreshold) moveToFile();
            if (fileOut != null) {
                fileOut.write(b, off, len);
            } else {
                int need = (int) size + len;
                if (need > memory.length) memory = Arrays.copyOf(memory, Math.max(need, Math.min(memory.length * 2, memoryThreshold)));
                System.arraycopy(b, off, memory, (int) size, len);
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
        fileOut.write(memory, 0, (int) size);
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
        try {
            if (fileOut != null) fileOut.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final long length = size;
        if (file == null) {
            final byte[] bytes = memory.length == length ? memory : Arrays.copyOf(memory, (int) length);
            return MessageSource.ofBytes(bytes);
        }
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

    /** Reads the first up to {@code max} bytes (header scanning). */
    public byte[] head(int max) {
        int n = (int) Math.min(max, size);
        if (file == null) return Arrays.copyOf(memory, n);
        try {
            fileOut.flush();
            try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes(n);
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
