package dev.letterbox.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The raw RFC 5322 bytes of one stored message, with CRLF line endings as served on the wire.
 * Implementations should make {@link #open()} cheap and repeatable.
 */
public interface MessageContent {
    /** Size in octets of what {@link #open()} returns. */
    long size();

    /** A fresh stream over the whole message. */
    InputStream open() throws IOException;

    /**
     * The whole message as an array when the store holds it in memory (the library then serves
     * slices without copying). Callers must not modify the array.
     */
    default Optional<byte[]> bytesIfInMemory() {
        return Optional.empty();
    }

    /**
     * A structure object the library attached earlier with {@link #cacheStructure}, if the store
     * keeps one. Stores that do not cache return empty, and the library recomputes.
     */
    default Optional<Object> cachedStructure() {
        return Optional.empty();
    }

    /** Offers the library's parsed structure for caching; stores may ignore it. */
    default void cacheStructure(Object structure) {
    }

    /** All bytes. */
    default byte[] readAllBytes() throws IOException {
        var mem = bytesIfInMemory();
        if (mem.isPresent()) return mem.get();
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /** Content held in an array. */
    static MessageContent ofBytes(byte[] bytes) {
        return new MessageContent() {
            private volatile Object structure;

            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(bytes);
            }

            @Override
            public Optional<byte[]> bytesIfInMemory() {
                return Optional.of(bytes);
            }

            @Override
            public Optional<Object> cachedStructure() {
                return Optional.ofNullable(structure);
            }

            @Override
            public void cacheStructure(Object s) {
                structure = s;
            }
        };
    }
}
