package dev.letterbox.core.store.memory;

import dev.letterbox.core.store.MessageContent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Optional;

/**
 * The bytes of one stored message, held once and shared by every copy of the message (COPY, MOVE,
 * INBOX rename). The cached MIME structure is shared too: it is derived from the bytes alone.
 */
final class Blob implements MessageContent {
    private final byte[] bytes;
    private volatile Object structure;

    Blob(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public long size() {
        return bytes.length;
    }

    @Override
    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public Optional<byte[]> bytesIfInMemory() {
        return Optional.of(bytes);
    }

    @Override
    public byte[] readAllBytes() {
        return bytes;
    }

    @Override
    public Optional<Object> cachedStructure() {
        return Optional.ofNullable(structure);
    }

    @Override
    public void cacheStructure(Object s) {
        structure = s;
    }
}
