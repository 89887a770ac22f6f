package dev.letterbox.testkit;

import dev.letterbox.core.net.TlsInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one connection the server accepted.
 *
 * @param index      0 for the first connection, in accept order
 * @param service    the endpoint it arrived on
 * @param sessionId  the transport's session id (log lines)
 * @param user       the user it authenticated as, if it did
 * @param tls        the TLS parameters once encrypted (implicit TLS or after STARTTLS)
 * @param open       whether it is still open
 * @param transcript its protocol lines so far
 */
public record ConnectionRecord(int index, Service service, String sessionId, Optional<String> user, Optional<TlsInfo> tls,
                               boolean open, List<TranscriptLine> transcript) {
    public ConnectionRecord {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(tls, "tls");
        transcript = List.copyOf(transcript);
    }
}
