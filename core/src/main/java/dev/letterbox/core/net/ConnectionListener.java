package dev.letterbox.core.net;

import java.net.InetSocketAddress;

/**
 * Host SPI for metrics and audit: what happens on the server's connections. The transport reports
 * {@link #connected}, {@link #tlsEstablished}, {@link #rejected} and {@link #closed}; protocol sessions
 * report commands and logins through {@link Connection#events()}, which the transport routes here.
 *
 * <p>Called on connection threads; implementations must be thread-safe and must not block. An
 * exception thrown here is logged and otherwise ignored.
 */
public interface ConnectionListener {
    /** Listens to nothing. */
    ConnectionListener NONE = new ConnectionListener() { };

    /** A connection was accepted (before any TLS handshake and before the greeting). */
    default void connected(ConnectionInfo info) {
    }

    /** A TLS handshake completed (implicit TLS or STARTTLS). */
    default void tlsEstablished(ConnectionInfo info, TlsInfo tls) {
    }

    /** A command was received; {@code verb} is upper case. */
    default void command(ConnectionInfo info, String verb) {
    }

    default void authenticated(ConnectionInfo info, String user, String mechanism) {
    }

    default void authenticationFailed(ConnectionInfo info, String user, String mechanism) {
    }

    /** A connection was refused without creating a session (the protocol's busy reply was sent if possible). */
    default void rejected(String endpoint, InetSocketAddress remote, Rejection reason) {
    }

    /** The connection is gone. Called once per {@link #connected} call, last. */
    default void closed(ConnectionInfo info, CloseReason reason) {
    }

    /** Why a connection was refused. */
    enum Rejection {
        /** The server-wide connection limit was reached. */
        TOO_MANY_CONNECTIONS,
        /** The limit of connections from one client address was reached. */
        TOO_MANY_FROM_ADDRESS,
        /** The executor refused the connection task (bounded thread pool full). */
        NO_THREAD,
        /** The process ran out of file descriptors. */
        OUT_OF_DESCRIPTORS
    }

    /** Why a connection ended (the first cause wins). */
    enum CloseReason {
        /** The client closed the connection or it was reset. */
        CLIENT_CLOSED,
        /** The protocol session closed it (QUIT, LOGOUT, too many errors, ...). */
        SESSION_CLOSED,
        /** The read timeout expired; the session wrote its timeout reply. */
        READ_TIMEOUT,
        /** A write stalled beyond the write deadline; the watchdog closed the socket. */
        WRITE_STALLED,
        /** The TLS handshake failed (implicit TLS or STARTTLS). */
        TLS_HANDSHAKE_FAILED,
        /** The server shut down. */
        SHUTDOWN,
        /** An unexpected I/O error or a failure inside the session. */
        ERROR
    }
}
