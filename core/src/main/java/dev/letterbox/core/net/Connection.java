package dev.letterbox.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;

/**
 * What a {@link ProtocolSession} sees of its connection. Provided by the socket transport and by the
 * in-memory test driver alike.
 *
 * <p>Output is buffered: write a response burst, then {@link #flush()} once (one TCP segment where
 * possible). {@code write}/{@code flush} are safe from any thread; a writer outside the connection
 * thread (an IDLE push) holds {@link #writeLock()} around a whole burst so bursts never interleave.
 * Write failures do not throw: the connection is marked broken and closed, and
 * {@link #isOpen()} turns false.
 */
public interface Connection {
    ConnectionInfo info();

    void write(byte[] bytes, int offset, int length);

    default void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    /** Copies exactly {@code length} bytes from {@code in} to the output, streaming large bodies. */
    void transferFrom(InputStream in, long length) throws IOException;

    void flush();

    /** The lock that makes a burst of writes atomic with respect to other writers. */
    Lock writeLock();

    /**
     * Effect: flush pending output, then start a TLS handshake as server. Bytes the client sent after
     * the command that triggered it, still unread in the input buffer, become TLS input, never
     * commands (the CVE-2011-0411 class). The session must return from {@code receive} right after
     * calling this, consuming nothing more.
     *
     * @throws IllegalStateException if TLS is not available or already active
     */
    void startTls();

    /** Whether {@link #startTls()} can be used now: TLS is configured and not yet active. */
    boolean startTlsAvailable();

    /** TLS parameters when the connection is encrypted (implicit TLS or after STARTTLS). */
    Optional<TlsInfo> tls();

    /** Effect: the read timeout from now on (between commands vs inside a command, IDLE, ...). */
    void setReadTimeout(Duration timeout);

    /** Effect: flush pending output and close. Idempotent. */
    void close();

    boolean isOpen();

    /**
     * Effect: flush pending output, then shut down the sending side only (TCP FIN; for TLS a
     * close_notify): the client sees end of stream while the connection still reads. Used by fault
     * injection in tests. Default: {@link #close()}.
     */
    default void halfClose() {
        close();
    }

    /** For work a session schedules off the connection thread, e.g. IDLE pushes. */
    Executor executor();

    /** Where the session reports commands, logins and (redacted) wire lines. */
    default ConnectionEvents events() {
        return ConnectionEvents.NONE;
    }
}
