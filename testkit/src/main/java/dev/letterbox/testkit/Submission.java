package dev.letterbox.testkit;

import dev.letterbox.core.net.TlsInfo;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the SMTP submission service accepted (answered 250 after the data).
 *
 * @param connection    the connection index
 * @param service       {@link Service#SUBMISSION} or {@link Service#SUBMISSIONS}
 * @param authUser      the authenticated user, empty for unauthenticated submissions
 * @param authMechanism the SASL mechanism used
 * @param helo          the client's EHLO/HELO argument
 * @param mailFrom      the envelope sender, empty string for the null sender {@code <>}
 * @param recipients    the accepted envelope recipients, in order
 * @param raw           the message as the server received it (with its added trace header), CRLF line endings
 * @param tls           the TLS parameters, empty for a plain-text connection
 * @param receivedAt    when the data was accepted
 */
public record Submission(int connection, Service service, Optional<String> authUser, Optional<String> authMechanism,
                         String helo, String mailFrom, List<String> recipients, byte[] raw, Optional<TlsInfo> tls,
                         Instant receivedAt) {
    public Submission {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(authUser, "authUser");
        Objects.requireNonNull(authMechanism, "authMechanism");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The message parsed by Jakarta Mail. */
    public MimeMessage mimeMessage() {
        return Messages.parse(raw);
    }

    /** The raw message as text (UTF-8). */
    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Submission[#" + connection + " " + service.endpointName() + authUser.map(u -> " as " + u).orElse("")
                + " from <" + mailFrom + "> to " + recipients + ", " + raw.length + " octets"
                + tls.map(t -> ", " + t.protocol()).orElse("") + "]";
    }
}
