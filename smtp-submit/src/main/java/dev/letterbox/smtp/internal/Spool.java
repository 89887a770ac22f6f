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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Message bytes of one transaction: in memory up to a threshold, then in a temp file. In memory the
 * bytes are kept in chunks of growing size (never copied to grow) and the source hands them to the
 * store as they are, so a message is copied once on its way from the network buffer to the store. The file is
 * deleted by {@link #close()}, which the session calls on every path out of a transaction (data
 * handed off, RSET, errors, disconnect). Used by one thread.
 */
public final class Spool implements AutoCloseable {
    /**
     * Room kept free before the in-memory bytes, so the trace header fields can be put in front of
     * the message without copying it ({@link #toSource(byte[])}).
     */
    static final int HEADROOM = 1024;

    private static final int MIN_CHUNK = 8 * 1024;
    private static final int MAX_CHUNK = 1024 * 1024;

    private final int memoryThreshold;
    private final Optional<Path> directory;
    /** In memory: chunk 0 holds data from {@link #HEADROOM}, the others from 0; all but the last are full. */
    private List<byte[]> chunks = new ArrayList<>(2);
    /** Bytes used in the last chunk (index into it). */
    private int lastFill = HEADROOM;
    private long size;
    private Path file;
    private OutputStream fileOut;
    private boolean closed;

    public Spool(int memoryThreshold, Optional<Path> directory) {
        this.memoryThreshold = memoryThreshold;
        this.directory = directory;
        chunks.add(new byte[HEADROOM + Math.max(0, Math.min(MIN_CHUNK, memoryThreshold))]);
    }

    public void write(byte[] b, int off, int len) {
        if (closed) throw new IllegalStateException("spool closed");
        if (len == 0) return;
        try {
            if (fileOut == null && size + len > memoryThreshold) moveToFile();
            if (fileOut != null) {
                fileOut.write(b, off, len);
            } else {
                byte[] last = chunks.get(chunks.size() - 1);
                long held = size;
                for (int from = off, left = len; left > 0; ) {
                    if (lastFill == last.length) { // full: a new chunk about as big as all before it
                        last = new byte[(int) Math.max(MIN_CHUNK, Math.min(held, MAX_CHUNK))];
                        chunks.add(last);
                        lastFill = 0;
                    }
                    int n = Math.min(left, last.length - lastFill);
                    System.arraycopy(b, from, last, lastFill, n);
                    lastFill += n;
                    from += n;
                    left -= n;
                    held += n;
                }
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
        for (int i = 0; i < chunks.size(); i++) fileOut.write(chunks.get(i), chunkStart(i), chunkEnd(i) - chunkStart(i));
        chunks = null;
    }

    private int chunkStart(int i) {
        return i == 0 ? HEADROOM : 0;
    }

    private int chunkEnd(int i) {
        return i == chunks.size() - 1 ? lastFill : chunks.get(i).length;
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
        if (file == null) return new ChunkSource(pieces(prefix), prefix.length + length);
        return prefixed(prefix, fileSource(length));
    }

    /** The in-memory bytes as pieces, {@code prefix} first: in the headroom when it fits. */
    private ChunkSource.Piece[] pieces(byte[] prefix) {
        boolean inHeadroom = prefix.length <= HEADROOM;
        int extra = inHeadroom ? 0 : 1;
        ChunkSource.Piece[] pieces = new ChunkSource.Piece[chunks.size() + extra];
        if (!inHeadroom) pieces[0] = new ChunkSource.Piece(prefix, 0, prefix.length);
        for (int i = 0; i < chunks.size(); i++) {
            int start = chunkStart(i);
            if (i == 0 && inHeadroom) {
                start -= prefix.length;
                System.arraycopy(prefix, 0, chunks.get(0), start, prefix.length);
            }
            pieces[i + extra] = new ChunkSource.Piece(chunks.get(i), start, chunkEnd(i) - start);
        }
        return pieces;
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
        if (file == null) {
            byte[] first = chunks.get(0);
            int held = chunkEnd(0) - HEADROOM;
            if (held >= n || headerEnds(first, HEADROOM, HEADROOM + held)) {
                return ByteBuffer.wrap(first, HEADROOM, Math.min(held, n)).slice();
            }
            try (InputStream in = new ChunkSource(pieces(new byte[0]), size).open()) {
                return ByteBuffer.wrap(in.readNBytes(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            fileOut.flush();
            try (InputStream in = Files.newInputStream(file)) {
                return ByteBuffer.wrap(in.readNBytes(n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code a[from, to)} holds an empty line (the end of a header section), LF or CRLF ended. */
    private static boolean headerEnds(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != '\n') continue;
            if (i == from || a[i - 1] == '\n') return true;
            if (a[i - 1] == '\r' && (i - 1 == from || a[i - 2] == '\n')) return true;
        }
        return false;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        chunks = null;
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
