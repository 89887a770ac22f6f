package dev.letterbox.smtp;

import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.net.TlsInfo;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SubmissionHandler} learns about the client when a submission session opens.
 *
 * @param sessionId     the connection's id (log lines, change-event origin)
 * @param principal     the authenticated user; empty only when the protocol was built with
 *                      {@code requireAuth(false)}
 * @param authMechanism the SASL mechanism used, empty when not authenticated
 * @param client        the client's address
 * @param helo          the argument of the client's last EHLO/HELO
 * @param esmtp         {@code true} if the client greeted with EHLO
 * @param tls           the TLS parameters when the connection is encrypted
 */
public record SubmissionContext(String sessionId, Optional<Principal> principal, Optional<String> authMechanism,
                                InetSocketAddress client, String helo, boolean esmtp, Optional<TlsInfo> tls) {
    public SubmissionContext {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(authMechanism, "authMechanism");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(tls, "tls");
    }
}
