package dev.letterbox.imap4.message;

import dev.letterbox.core.store.MessageContent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The scanned structure of one message: the part tree as byte offsets, plus lazily rendered
 * ENVELOPE/BODY/BODYSTRUCTURE bytes. Built once per message and offered to the store for caching
 * ({@link MessageContent#cacheStructure}); it holds no reference to the message bytes.
 */
public final class MessageStructure {
    private final MimePart root;
    private final int size;
    private volatile byte[] envelope;
    private volatile byte[] body;
    private volatile byte[] bodyStructure;
    private volatile SearchText.Cache searchCache;
    private volatile int hasNul = -1;

    private MessageStructure(MimePart root, int size) {
        this.root = root;
        this.size = size;
    }

    public static MessageStructure scan(byte[] data) {
        return new MessageStructure(MimeScanner.scan(data), data.length);
    }

    /** The structure {@code content} has cached for {@code data}, or null (nothing is scanned). */
    static MessageStructure cached(MessageContent content, byte[] data) {
        var cached = content.cachedStructure();
        if (cached.isPresent() && cached.get() instanceof MessageStructure s && s.size == data.length) return s;
        return null;
    }

    /** The cached structure of {@code content}, scanning (and offering it for caching) if needed. */
    public static MessageStructure of(MessageContent content, byte[] data) {
        MessageStructure c = cached(content, data);
        if (c != null) return c;
        MessageStructure s = scan(data);
        content.cacheStructure(s);
        return s;
    }

    public static byte[] bytes(MessageContent content) {
        try {
            return content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the message contains a NUL octet (then sections need literal8, RFC 3516 §4.3); computed once. */
    public boolean containsNul(byte[] data) {
        int h = hasNul;
        if (h < 0) {
            h = 0;
            for (byte b : data) {
                if (b == 0) {
                    h = 1;
                    break;
                }
            }
            hasNul = h;
        }
        return h == 1;
    }

    SearchText.Cache searchCache() {
        return searchCache;
    }

    void searchCache(SearchText.Cache c) {
        searchCache = c;
    }

    public MimePart root() {
        return root;
    }

    /** ENVELOPE value (the parenthesized list). */
    public byte[] envelope(byte[] data) {
        byte[] e = envelope;
        if (e == null) {
            ImapBuf b = new ImapBuf(256);
            EnvelopeWriter.write(root.header, b);
            e = b.toByteArray();
            envelope = e;
        }
        return e;
    }

    public byte[] body(byte[] data) {
        byte[] e = body;
        if (e == null) {
            ImapBuf b = new ImapBuf(256);
            BodyStructureWriter.write(data, root, false, b);
            e = b.toByteArray();
            body = e;
        }
        return e;
    }

    public byte[] bodyStructure(byte[] data) {
        byte[] e = bodyStructure;
        if (e == null) {
            ImapBuf b = new ImapBuf(256);
            BodyStructureWriter.write(data, root, true, b);
            e = b.toByteArray();
            bodyStructure = e;
        }
        return e;
    }

    /**
     * The part addressed by IMAP part numbers (RFC 3501 §6.4.5), or null if there is none. A
     * non-multipart entity has only part 1 (itself); below a message/rfc822 part, numbers address
     * the parts of the encapsulated message.
     */
    public MimePart find(int[] path) {
        MimePart part = root;
        for (int i = 0; i < path.length; i++) {
            int num = path[i];
            if (part.isMultipart()) {
                if (num < 1 || num > part.children.size()) return null;
                part = part.children.get(num - 1);
            } else if (num != 1) {
                return null;
            }
            if (i + 1 < path.length && part.isMessage() && !part.children.isEmpty()) {
                part = part.children.get(0);
            }
        }
        return part;
    }
}
