package dev.letterbox.core.discovery;

import java.util.Objects;

/**
 * One client-facing mail service endpoint to publish.
 *
 * @param service  which protocol
 * @param security how the connection is encrypted
 * @param port     the TCP port clients connect to (may differ from the bound port behind NAT)
 */
public record ServiceEndpoint(Service service, Security security, int port) {
    public ServiceEndpoint {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(security, "security");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    /** The protocols clients are configured for. */
    public enum Service { IMAP, POP3, SUBMISSION }

    /** Transport security of an endpoint. */
    public enum Security {
        /** TLS from the first byte (IMAPS 993, POP3S 995, submissions 465; RFC 8314). */
        IMPLICIT_TLS,
        /** Plain connect, then STARTTLS/STLS, required before authentication. */
        STARTTLS,
        /** No encryption. Never published by default; only for closed test networks. */
        NONE
    }

    /** The RFC 6186 / RFC 8314 SRV service label, e.g. {@code _imaps}. */
    String srvLabel() {
        return switch (service) {
            case IMAP -> security == Security.IMPLICIT_TLS ? "_imaps" : "_imap";
            case POP3 -> security == Security.IMPLICIT_TLS ? "_pop3s" : "_pop3";
            case SUBMISSION -> security == Security.IMPLICIT_TLS ? "_submissions" : "_submission";
        };
    }
}
