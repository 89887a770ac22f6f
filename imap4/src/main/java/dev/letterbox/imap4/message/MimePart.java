package dev.letterbox.imap4.message;

import java.util.ArrayList;
import java.util.List;

/**
 * One MIME entity of a scanned message, as byte offsets into the message (RFC 2045/2046): its
 * header {@code [headerStart, headerEnd)} (including the empty line that ends it, if any) and its
 * body {@code [bodyStart, bodyEnd)} (excluding the line break that belongs to a following boundary,
 * RFC 2046 §5.1.1). A message/rfc822 part has exactly one child: the encapsulated message.
 */
public final class MimePart {
    static final int MULTIPART = 1;
    static final int RFC822 = 2;
    static final int TEXT = 4;
    static final int DIGEST = 8;

    final MimePart parent;
    int headerStart;
    int headerEnd;
    int bodyStart;
    int bodyEnd;
    int flags;
    HeaderBlock header;
    String boundary;
    final List<MimePart> children = new ArrayList<>(0);
    // lazily computed per part (single-threaded per computation; values are idempotent)
    private int lines = -1;
    private PartInfo info;

    MimePart(MimePart parent) {
        this.parent = parent;
    }

    public MimePart parent() {
        return parent;
    }

    public int headerStart() {
        return headerStart;
    }

    public int headerEnd() {
        return headerEnd;
    }

    public int bodyStart() {
        return bodyStart;
    }

    public int bodyEnd() {
        return bodyEnd;
    }

    public int bodySize() {
        return bodyEnd - bodyStart;
    }

    public HeaderBlock header() {
        return header;
    }

    public List<MimePart> children() {
        return children;
    }

    public boolean isMultipart() {
        return (flags & MULTIPART) != 0;
    }

    /** True for a message/rfc822 part whose encapsulated message was parsed (its only child). */
    public boolean isMessage() {
        return (flags & RFC822) != 0;
    }

    /** Number of lines of the body (line feeds it contains), as BODYSTRUCTURE reports. */
    public int bodyLines(byte[] data) {
        int l = lines;
        if (l < 0) {
            l = 0;
            for (int i = bodyStart; i < bodyEnd; i++) {
                if (data[i] == '\n') l++;
            }
            lines = l;
        }
        return l;
    }

    /** The Content-* information of this part (parsed once). */
    public PartInfo info() {
        PartInfo i = info;
        if (i == null) {
            i = PartInfo.of(this);
            info = i;
        }
        return i;
    }
}
