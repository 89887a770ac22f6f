package dev.letterbox.imap4.message;

import dev.letterbox.core.store.MessageContent;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Text matching for SEARCH over one message (RFC 9051 §6.4.4): RFC 2047 words, transfer encodings
 * and charsets decoded, compared case-insensitively (i;unicode-casemap). SEAM: implemented by the
 * message/fetch work; the SEARCH evaluator uses only these members.
 */
public final class SearchText {
    private SearchText() {
    }

    /** The header-address and text keys of SEARCH. */
    public enum Field { FROM, TO, CC, BCC, SUBJECT, BODY, TEXT }

    /** FROM/TO/CC/BCC/SUBJECT/BODY/TEXT contains {@code needle}; an empty needle per RFC/oracle rules. */
    public static boolean contains(MessageContent message, Field field, String needle) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** HEADER field-name string: the top-level header has the field and its value contains needle. */
    public static boolean headerContains(MessageContent message, String fieldName, String needle) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The date of the Date: header (its own time zone ignored, RFC 9051 SENT* keys); empty if none/unparsable. */
    public static Optional<LocalDate> sentDate(MessageContent message) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
