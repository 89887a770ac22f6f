package dev.letterbox.core.auth;

import java.net.InetSocketAddress;

/**
 * Where a login attempt comes from.
 *
 * @param protocol  {@code imap}, {@code pop3} or {@code smtp}
 * @param remote    the client's address
 * @param tls       whether the connection is encrypted at this moment
 * @param sessionId the connection's id, for logs
 */
public record AuthContext(String protocol, InetSocketAddress remote, boolean tls, String sessionId) {
    public boolean fromLoopback() {
        return remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }
}
