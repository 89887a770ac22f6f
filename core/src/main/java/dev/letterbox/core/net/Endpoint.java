package dev.letterbox.core.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One listening socket of a {@link MailServer}.
 *
 * @param name        unique name, e.g. {@code imap}, {@code imaps}; used in logs and {@link ConnectionInfo#endpoint()}
 * @param bind        address and port to listen on; port 0 picks a free port (see {@link MailServer#port(String)})
 * @param factory     the protocol
 * @param implicitTls true: TLS from the first byte (imaps, pop3s, submissions); false: plain text, with
 *                    STARTTLS available when the server has a TLS configuration
 */
public record Endpoint(String name, InetSocketAddress bind, ProtocolSessionFactory factory, boolean implicitTls) {
    public Endpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(factory, "factory");
        if (name.isBlank() || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != '=')) {
            throw new IllegalArgumentException("endpoint name must be printable ASCII without spaces or '=': " + name);
        }
    }

    /** A plain-text endpoint (STARTTLS-capable when the server has TLS). */
    public static Endpoint plain(String name, InetSocketAddress bind, ProtocolSessionFactory factory) {
        return new Endpoint(name, bind, factory, false);
    }

    /** An implicit-TLS endpoint. */
    public static Endpoint implicitTls(String name, InetSocketAddress bind, ProtocolSessionFactory factory) {
        return new Endpoint(name, bind, factory, true);
    }
}
