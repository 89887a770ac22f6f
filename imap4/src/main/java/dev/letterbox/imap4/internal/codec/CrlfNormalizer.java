package dev.letterbox.imap4.internal.codec;

import dev.letterbox.core.store.MessageSource;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns every LF not preceded by CR into CRLF, so stores receive messages in the CRLF form that is
 * served on the wire (RFC 5322 §2.3; the corpus README's bare-LF rule). Literals without bare LFs
 * pass through untouched.
 */
public final class CrlfNormalizer {
    private CrlfNormalizer() {
    }

    public static MessageSource normalize(Literal lit) throws IOException {
        if (!hasBareLf(lit)) return lit;
        if (!lit.spooled()) return MessageSource.ofBytes(normalize(lit.readAllBytes()));
        Path tmp = Files.createTempFile("letterbox-imap", ".crlf");
        try (InputStream in = new BufferedInputStream(lit.open(), 65536);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 65536)) {
            copy(in, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        long size = Files.size(tmp);
        return new MessageSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(tmp);
            }

            @Override
            public void close() {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        };
    }

    public static byte[] normalize(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 64);
        int prev = -1;
        for (byte x : b) {
            if (x == '\n' && prev != '\r') out.write('\r');
            out.write(x);
            prev = x;
        }
        return out.toByteArray();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        int prev = -1, c;
        while ((c = in.read()) != -1) {
            if (c == '\n' && prev != '\r') out.write('\r');
            out.write(c);
            prev = c;
        }
    }

    private static boolean hasBareLf(Literal lit) throws IOException {
        if (!lit.spooled()) {
            byte[] b = lit.readAllBytes();
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) return true;
            }
            return false;
        }
        try (InputStream in = new BufferedInputStream(lit.open(), 65536)) {
            int prev = -1, c;
            while ((c = in.read()) != -1) {
                if (c == '\n' && prev != '\r') return true;
                prev = c;
            }
        }
        return false;
    }
}
