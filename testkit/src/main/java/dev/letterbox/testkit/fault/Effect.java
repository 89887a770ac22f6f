package dev.letterbox.testkit.fault;

import java.time.Duration;
import java.util.Objects;

/** What a {@link Fault} does, as data. */
public sealed interface Effect {
    /**
     * Answer with this text instead of the server. IMAP replies to a command are sent tagged with the
     * client's tag ({@code "NO [OVERQUOTA] Quota exceeded"} becomes {@code "A7 NO [OVERQUOTA] Quota exceeded"});
     * SMTP and POP3 replies are sent as given ({@code "451 4.3.0 Try again"}, {@code "-ERR [IN-USE] Locked"}).
     * At {@link Phase#COMMAND} the server never sees the command; at {@link Phase#RESPONSE_START} it
     * executes it and the client gets this text instead of its response; at {@link Phase#RESPONSE_END}
     * this text replaces the final line; at {@link Phase#CONNECT} it replaces the greeting and the
     * connection is closed.
     */
    record Reply(String text) implements Effect {
        public Reply {
            Objects.requireNonNull(text, "text");
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) throw new IllegalArgumentException("CR/LF in reply text");
        }
    }

    /** Close the connection (TCP FIN) at once; nothing more is sent. */
    record Disconnect() implements Effect { }

    /** Shut down the server's sending side only: the client reads end of stream, its writes still succeed. */
    record HalfClose() implements Effect { }

    /** Never send another byte and ignore input, keeping the connection open until the client gives up. */
    record Stall() implements Effect { }

    /** Pause this long, then carry on. */
    record Delay(Duration duration) implements Effect {
        public Delay {
            if (duration.isNegative()) throw new IllegalArgumentException("negative delay");
        }
    }

    /** Send the rest of the response at most this many octets per second. */
    record Throttle(long bytesPerSecond) implements Effect {
        public Throttle {
            if (bytesPerSecond < 1) throw new IllegalArgumentException("bytesPerSecond must be positive");
        }
    }

    /**
     * Make the TLS handshake fail (the server sends a handshake_failure alert): at {@link Phase#CONNECT}
     * of an implicit-TLS service, or on the {@code STARTTLS}/{@code STLS} command.
     */
    record FailTlsHandshake() implements Effect { }
}
