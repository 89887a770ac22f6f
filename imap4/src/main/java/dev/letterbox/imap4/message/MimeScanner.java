package dev.letterbox.imap4.message;

/**
 * Finds the MIME structure of a message in one pass over its bytes (RFC 2045/2046), computing every
 * part's header and body offsets. Tolerant like Dovecot's parser, so that the structure matches
 * what widely used servers report for broken mail:
 * <ul>
 * <li>a boundary line is {@code --} + boundary at the start of a line; only the prefix has to match
 *     (RFC 2046 §5.1.1), the longest matching open boundary wins, and {@code --boundary--} is
 *     recognised even when {@code boundary--} could also be a prefix;</li>
 * <li>the line break before a boundary line belongs to the boundary;</li>
 * <li>a boundary of an enclosing multipart ends all inner parts (missing final boundaries);</li>
 * <li>a header without an empty line ends at a boundary line or the end of the message;</li>
 * <li>parts without Content-Type default to text/plain, or message/rfc822 inside multipart/digest;</li>
 * <li>multipart without a boundary parameter is a leaf; only message/rfc822 is encapsulated.</li>
 * </ul>
 * Nesting is bounded ({@value #MAX_DEPTH} levels) and so is the number of parts
 * ({@value #MAX_PARTS}); beyond that, parts are treated as leaves.
 */
public final class MimeScanner {
    static final int MAX_DEPTH = 100;
    static final int MAX_PARTS = 10_000;
    static final int MAX_BOUNDARY = 80;

    private final byte[] d;
    private final int end;
    private byte[][] bStr = new byte[8][];
    private MimePart[] bOwner = new MimePart[8];
    private int bCount;
    private int parts;
    // result of the last boundary search
    private int fIdx;
    private int fLine;
    private int fNl;
    private boolean fEnd;

    private MimeScanner(byte[] d, int end) {
        this.d = d;
        this.end = end;
    }

    /** Scans a whole message. */
    public static MimePart scan(byte[] data) {
        return scan(data, data.length);
    }

    public static MimePart scan(byte[] data, int length) {
        MimeScanner s = new MimeScanner(data, length);
        MimePart root = new MimePart(null);
        s.parsePart(root, 0, 0);
        return root;
    }

    /** Parses a part whose header starts at pos. Leaves the boundary that ended it in f* (fIdx -1 for EOF). */
    private void parsePart(MimePart part, int pos, int depth) {
        parts++;
        part.headerStart = pos;
        int p = pos;
        int prevNl = 0;
        boolean byBoundary = false;
        while (true) {
            if (p >= end) {
                part.headerEnd = end;
                break;
            }
            if (bCount > 0 && d[p] == '-' && findBoundaryAt(p)) {
                part.headerEnd = p - prevNl;
                byBoundary = true;
                break;
            }
            int le = HeaderBlock.lineEnd(d, p, end);
            if (HeaderBlock.isEmptyLine(d, p, le)) {
                part.headerEnd = le;
                part.header = HeaderBlock.parse(d, pos, le);
                classify(part);
                // a boundary right after the empty line takes the empty line's break with it
                if (bCount > 0 && le < end && d[le] == '-' && outerBoundaryAt(part, le)) {
                    part.headerEnd = p;
                    byBoundary = true;
                }
                p = le;
                break;
            }
            prevNl = le > p && d[le - 1] == '\n' ? (le - 1 > p && d[le - 2] == '\r' ? 2 : 1) : 0;
            p = le;
        }
        if (part.header == null || part.header.end() != part.headerEnd) {
            part.header = HeaderBlock.parse(d, pos, part.headerEnd);
            if (part.flags == 0) classify(part);
        }
        part.bodyStart = byBoundary ? p : part.headerEnd;
        boolean canNest = depth < MAX_DEPTH && parts < MAX_PARTS;
        if (part.isMultipart() && part.boundary != null && canNest) {
            parseMultipartBody(part, part.bodyStart, depth);
        } else if (part.isMessage() && canNest) {
            MimePart child = new MimePart(part);
            part.children.add(child);
            parsePart(child, part.bodyStart, depth + 1);
            part.bodyEnd = fIdx < 0 ? end : fNl;
        } else {
            if (part.boundary != null) part.flags &= ~MimePart.MULTIPART;
            part.flags &= ~MimePart.RFC822;
            scanToBoundary(part.bodyStart, true);
            part.bodyEnd = fIdx < 0 ? end : fNl;
        }
    }

    private void parseMultipartBody(MimePart part, int pos, int depth) {
        int own = push(part.boundary, part);
        scanToBoundary(pos, true);
        while (true) {
            if (fIdx < 0) {
                part.bodyEnd = end;
                bCount = Math.min(bCount, own);
                return;
            }
            if (fIdx != own) {
                part.bodyEnd = fNl;
                bCount = fIdx + 1;
                return;
            }
            int blen = bStr[own].length;
            if (fEnd) {
                bCount = own; // this boundary is not needed anymore; epilogue follows
                // the rest of the end boundary line belongs to it; the epilogue starts on the next line
                int after = HeaderBlock.lineEnd(d, fLine + 2 + blen + 2, end);
                scanToBoundary(after, true);
                if (fIdx < 0) {
                    part.bodyEnd = end;
                } else {
                    part.bodyEnd = fNl;
                    bCount = fIdx + 1;
                }
                return;
            }
            bCount = own + 1;
            int childStart = HeaderBlock.lineEnd(d, fLine + 2 + blen, end);
            MimePart child = new MimePart(part);
            part.children.add(child);
            parsePart(child, childStart, depth + 1);
        }
    }

    /** Is a boundary other than the part's own (not yet pushed) at p? */
    private boolean outerBoundaryAt(MimePart part, int p) {
        if (part.boundary == null || (part.flags & MimePart.MULTIPART) == 0) return findBoundaryAt(p);
        int own = push(part.boundary, part);
        boolean found = findBoundaryAt(p) && fIdx != own;
        bCount = own;
        return found;
    }

    private int push(String boundary, MimePart owner) {
        if (bCount == bStr.length) {
            bStr = java.util.Arrays.copyOf(bStr, bCount * 2);
            bOwner = java.util.Arrays.copyOf(bOwner, bCount * 2);
        }
        bStr[bCount] = boundary.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        bOwner[bCount] = owner;
        return bCount++;
    }

    /**
     * Searches boundary lines from {@code pos}. If {@code firstLine}, a boundary at pos itself counts
     * (no preceding line break then); otherwise only lines after the next line feed are checked.
     */
    private void scanToBoundary(int pos, boolean firstLine) {
        if (bCount == 0 || parts >= MAX_PARTS) {
            fIdx = -1;
            return;
        }
        if (firstLine && pos < end && d[pos] == '-' && findBoundaryAt(pos)) {
            fNl = pos;
            return;
        }
        int i = pos;
        byte[] data = d;
        int e = end;
        while (i < e) {
            if (data[i++] != '\n') continue;
            if (i + 1 < e && data[i] == '-' && data[i + 1] == '-' && findBoundaryAt(i)) {
                int nl = i - 1;
                if (nl > pos && data[nl - 1] == '\r') nl--;
                if (nl < pos) nl = pos;
                fNl = nl;
                return;
            }
        }
        fIdx = -1;
    }

    /** Is there a boundary line at p (p at line start)? Sets fIdx, fLine, fEnd. */
    private boolean findBoundaryAt(int p) {
        if (p + 1 >= end || d[p] != '-' || d[p + 1] != '-') return false;
        int s = p + 2;
        int le = s;
        while (le < end && d[le] != '\n') le++;
        int len = le - s;
        if (le < end && len > 0 && d[le - 1] == '\r') len--;
        boolean trailingDashes = len > 2 && d[s + len - 1] == '-' && d[s + len - 2] == '-';
        int best = -1;
        for (int k = bCount - 1; k >= 0; k--) {
            byte[] b = bStr[k];
            if (b.length > len || (best >= 0 && bStr[best].length >= b.length)) continue;
            if (!regionMatches(s, b)) continue;
            best = k;
            if (b.length == len || (trailingDashes && b.length == len - 2)) break;
        }
        if (best < 0) return false;
        fIdx = best;
        fLine = p;
        int bl = bStr[best].length;
        fEnd = s + bl + 1 < end && d[s + bl] == '-' && d[s + bl + 1] == '-';
        return true;
    }

    private boolean regionMatches(int s, byte[] b) {
        for (int k = 0; k < b.length; k++) {
            if (d[s + k] != b[k]) return false;
        }
        return true;
    }

    /** Sets the part flags from the first Content-Type field (RFC 2045 §5, defaults §5.2, RFC 2046 §5.1.5). */
    private static void classify(MimePart part) {
        int i = part.header.indexOf("Content-Type");
        if (i < 0) {
            if (part.parent != null && (part.parent.flags & MimePart.DIGEST) != 0) {
                part.flags = MimePart.RFC822;
            } else {
                part.flags = MimePart.TEXT;
            }
            return;
        }
        ContentType ct = ContentType.parse(part.header.rawValue(i));
        String t = ct.type();
        if (!ct.valid()) {
            if (t.equalsIgnoreCase("text")) part.flags = MimePart.TEXT;
            return;
        }
        if (t.equalsIgnoreCase("message") && ct.subtype().equalsIgnoreCase("rfc822")) {
            part.flags = MimePart.RFC822;
        } else if (t.equalsIgnoreCase("text")) {
            part.flags = MimePart.TEXT;
        } else if (t.equalsIgnoreCase("multipart")) {
            String b = null;
            for (String[] p : ct.params()) {
                if (p[0].equalsIgnoreCase("boundary")) {
                    b = p[1];
                    break;
                }
            }
            part.flags = MimePart.MULTIPART | (ct.subtype().equalsIgnoreCase("digest") ? MimePart.DIGEST : 0);
            if (b != null && !b.isEmpty()) {
                // boundaries are at most 70 chars (RFC 2046 5.1.1); longer ones are truncated like Dovecot
                part.boundary = b.length() > MAX_BOUNDARY ? b.substring(0, MAX_BOUNDARY) : b;
            }
        }
    }
}
