package dev.letterbox.imap4.internal.codec;

import dev.letterbox.core.store.MessageSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The octets of one literal of a command: held in memory up to a threshold, spooled to a temp file
 * beyond it. The file is deleted by {@link #close()}, which the session always calls when the
 * command is done (or the connection is gone).
 */
public final class Literal implements MessageSource {
    private final byte[] bytes;
    private final Path file;
    private final long size;
    private final boolean binary;

    private Literal(byte[] bytes, Path file, long size, boolean binary) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.binary = binary;
    }

    public static Literal of(byte[] bytes) {
        return new Literal(bytes, null, bytes.length, false);
    }

    @Override
    public long size() {
        return size;
    }

    /** True for a literal8 ({@code ~{n}}, RFC 3516), which may contain NUL. */
    public boolean binary() {
        return binary;
    }

    public boolean spooled() {
        return file != null;
    }

    @Override
    public InputStream open() throws IOException {
        return file == null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        return file == null ? bytes : Files.readAllBytes(file);
    }

    /** The content as UTF-8 text (string arguments); only for in-memory literals. */
    public String text() {
        try {
            return new String(readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort; nothing else can be done
            }
        }
    }

    /** Receives a literal's octets as they arrive. */
    static final class Sink {
        private final long expected;
        private final int threshold;
        private final Path spoolDir;
        private final boolean binary;
        private ByteArrayOutputStream mem = new ByteArrayOutputStream();
        private Path file;
        private OutputStream fileOut;
        private long written;

        Sink(long expected, int threshold, Path spoolDir, boolean binary) {
            this.expected = expected;
            this.threshold = threshold;
            this.spoolDir = spoolDir;
            this.binary = binary;
        }

        long remaining() {
            return expected - written;
        }

        void write(byte[] b, int off, int len) {
            try {
                if (fileOut == null && written + len > threshold) {
                    file = spoolDir == null ? Files.createTempFile("letterbox-imap", ".lit")
                            : Files.createTempFile(spoolDir, "letterbox-imap", ".lit");
                    fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 65536);
                    mem.writeTo(fileOut);
                    mem = null;
                }
                if (fileOut != null) fileOut.write(b, off, len);
                else mem.write(b, off, len);
                written += len;
            } catch (IOException e) {
                discard();
                throw new UncheckedIOException(e);
            }
        }

        Literal finish() {
            if (fileOut != null) {
                try {
                    fileOut.close();
                } catch (IOException e) {
                    discard();
                    throw new UncheckedIOException(e);
                }
                return new Literal(null, file, written, binary);
            }
            return new Literal(mem.toByteArray(), null, written, binary);
        }

        void discard() {
            try {
                if (fileOut != null) fileOut.close();
                if (file != null) Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // best effort
            }
            fileOut = null;
            file = null;
        }
    }
}
