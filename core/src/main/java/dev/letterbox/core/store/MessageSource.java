package dev.letterbox.core.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * A message being handed to the store (APPEND, delivery, submission): an exact octet count and a
 * re-openable stream. Protocol layers hand over CRLF-normalised content. Sources backed by temp
 * files delete them on {@link #close()}.
 */
public interface MessageSource extends AutoCloseable {
    long size();

    InputStream open() throws IOException;

    /** All bytes; stores that keep messages in memory use this. */
    default byte[] readAllBytes() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    @Override
    default void close() {
    }

    static MessageSource ofBytes(byte[] bytes) {
        return new MessageSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(bytes);
            }

            @Override
            public byte[] readAllBytes() {
                return bytes;
            }
        };
    }
}
