package dev.letterbox.imap4.fetch;

import java.util.List;

/**
 * The parsed data items of one FETCH command (RFC 9051 §6.4.5), macros (ALL, FAST, FULL) expanded.
 *
 * <p>SEAM: implemented by the message/fetch work; the protocol machine only uses the members below.
 */
public final class FetchRequest {
    private final List<FetchAtt> atts;

    private FetchRequest(List<FetchAtt> atts) {
        this.atts = List.copyOf(atts);
    }

    /**
     * Parses the text of the fetch argument exactly as sent (a single item or a parenthesized list,
     * e.g. {@code (FLAGS BODY.PEEK[HEADER.FIELDS (FROM "To")]<0.100>)}). For UID FETCH
     * ({@code uidCommand}) the UID item is added if absent (RFC 9051 §6.4.9).
     *
     * @throws FetchParseException with a client-presentable message for a syntax error
     */
    public static FetchRequest parse(String text, boolean uidCommand) throws FetchParseException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public List<FetchAtt> atts() {
        return atts;
    }

    /** True if any item needs the message bytes (sections, ENVELOPE, BODYSTRUCTURE, BINARY...). */
    public boolean needsContent() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** True if any item is a non-PEEK body section (RFC 822, BODY[..], BINARY[..]) that sets \Seen. */
    public boolean setsSeen() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
