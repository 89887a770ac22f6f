package dev.letterbox.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code RCPT TO} command.
 *
 * @param address the forward-path without angle brackets (source route removed)
 * @param notifyOn the RFC 3461 §4.1 {@code NOTIFY=} conditions; empty when not given, exactly
 *                {@code {NEVER}} for {@code NOTIFY=NEVER}
 * @param orcpt   the RFC 3461 §4.2 {@code ORCPT=} original recipient, if given
 */
public record RcptTo(String address, Set<DsnNotify> notifyOn, Optional<OriginalRecipient> orcpt) {
    public RcptTo {
        Objects.requireNonNull(address, "address");
        notifyOn = Set.copyOf(notifyOn);
        Objects.requireNonNull(orcpt, "orcpt");
    }

    /** The local part (everything before the last {@code @}), or the whole address if it has none. */
    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** The domain (after the last {@code @}), empty for {@code postmaster}. */
    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }

    /** RFC 3461 §4.1 notification conditions. */
    public enum DsnNotify {
        NEVER, SUCCESS, FAILURE, DELAY
    }

    /**
     * RFC 3461 §4.2 {@code ORCPT=addr-type;xtext}.
     *
     * @param addressType e.g. {@code rfc822} or {@code utf-8}
     * @param address     the decoded original address
     */
    public record OriginalRecipient(String addressType, String address) {
        public OriginalRecipient {
            Objects.requireNonNull(addressType, "addressType");
            Objects.requireNonNull(address, "address");
        }
    }
}
