package dev.letterbox.core.net;

import java.nio.ByteBuffer;

/**
 * A protocol machine for one connection, sans-I/O: bytes in, responses and effects out through the
 * {@link Connection}. It never touches a socket. The transport calls it from one thread at a time
 * (the connection's thread); other threads may only write through the connection's write lock.
 */
public interface ProtocolSession {
    /** The connection is established: write the greeting and flush. */
    void start(Connection conn);

    /**
     * Input arrived. {@code in} is in read mode; consume complete units (advance its position past
     * them) and leave any incomplete tail, which the transport keeps and extends with the next read.
     * A session that bounds line length must consume and reject an over-long line rather than wait
     * for it to complete. After {@link Connection#startTls()} or {@link Connection#close()} return
     * immediately without consuming more.
     */
    void receive(ByteBuffer in, Connection conn);

    /**
     * The read timeout set by {@link Connection#setReadTimeout} expired with the connection open:
     * write the protocol's timeout reply (autologout BYE, {@code 421 4.4.2}, ...). The transport
     * closes the connection afterwards.
     */
    void timedOut(Connection conn);

    /** The server is shutting down: say goodbye in protocol terms. The transport closes afterwards. */
    void shutdown(Connection conn);

    /**
     * The connection is gone (client closed, error, timeout, shutdown). Release locks, subscriptions,
     * spool files. Called exactly once, last.
     */
    void closed();
}
