package dev.letterbox.smtp;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed {@code MAIL FROM} command.
 *
 * @param address    the reverse-path without angle brackets; empty string for the null path {@code <>}
 * @param size       the RFC 1870 {@code SIZE=} estimate, if given
 * @param body       the RFC 6152 {@code BODY=} type ({@link BodyType#SEVEN_BIT} when absent)
 * @param smtpUtf8   whether the client asked for RFC 6531 {@code SMTPUTF8}
 * @param auth       the RFC 4954 §5 {@code AUTH=} mailbox (xtext-decoded; {@code <>} kept as is), if given
 * @param ret        the RFC 3461 {@code RET=} value, if given
 * @param envelopeId the RFC 3461 {@code ENVID=} value (xtext-decoded), if given
 */
public record MailFrom(String address, OptionalLong size, BodyType body, boolean smtpUtf8, Optional<String> auth,
                       Optional<DsnReturn> ret, Optional<String> envelopeId) {
    public MailFrom {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
    }

    /** The null reverse-path {@code <>}. */
    public boolean isNullSender() {
        return address.isEmpty();
    }

    /** RFC 6152 body types. */
    public enum BodyType {
        SEVEN_BIT("7BIT"), EIGHT_BIT_MIME("8BITMIME");

        private final String keyword;

        BodyType(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** RFC 3461 §4.3 {@code RET=}: return the full message or only its headers in a failure DSN. */
    public enum DsnReturn {
        FULL, HDRS
    }
}
