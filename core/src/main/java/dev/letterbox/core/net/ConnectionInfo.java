package dev.letterbox.core.net;

import java.net.InetSocketAddress;

/**
 * Facts about a connection that do not change during its life.
 *
 * @param sessionId short unique id, used in every log line and as the change-event origin
 * @param endpoint  the endpoint's name, e.g. {@code imap}, {@code imaps}, {@code submission}
 * @param remote    the client's address
 * @param local     the server's address of this connection
 */
public record ConnectionInfo(String sessionId, String endpoint, InetSocketAddress remote, InetSocketAddress local) {
}
