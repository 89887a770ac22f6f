package dev.letterbox.testkit.fault;

import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.Service;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A scripted reply or fault, as data: which connections and commands it matches, the {@link Phase}
 * and the {@link Effect}, and how often it fires.
 *
 * <pre>{@code
 * server.inject(Fault.onCommand(Protocol.SMTP, "RCPT").nth(2).reply("451 4.3.0 Try again later"));
 * server.inject(Fault.onCommand(Protocol.IMAP, "APPEND").reply("NO [OVERQUOTA] Quota exceeded"));
 * server.inject(Fault.onCommand(Protocol.POP3, "RETR").duringBody(100).disconnect());
 * server.inject(Fault.onConnect(Service.IMAPS).failTlsHandshake());
 * }</pre>
 *
 * <p>Commands are matched by verb, case-insensitively: IMAP {@code FETCH} or {@code UID FETCH}, POP3
 * {@code RETR}, SMTP {@code RCPT}, {@code DATA} (answered with 354) and the pseudo-command
 * {@link #END_OF_DATA} (the {@code .} that ends the message, answered with 250). Occurrences are
 * counted per fault over all connections, from the moment it is injected: a fault fires on
 * occurrences {@code nth .. nth + times - 1}.
 *
 * @param protocol   the protocol matched
 * @param service    a single service, or any service of the protocol
 * @param command    the verb, upper case; empty for {@link Phase#CONNECT}
 * @param user       only connections authenticated as this user
 * @param phase      when the effect happens
 * @param afterBytes for the response phases: how many octets into the response (its body for
 *                   {@link Phase#RESPONSE_BODY}) the effect happens
 * @param effect     what happens
 * @param nth        the first occurrence that fires (1-based)
 * @param times      how many occurrences fire; {@link #ALWAYS} for all
 */
public record Fault(Protocol protocol, Optional<Service> service, Optional<String> command, Optional<String> user,
                    Phase phase, long afterBytes, Effect effect, int nth, int times) {
    /** {@link #times()} of a fault that fires on every occurrence. */
    public static final int ALWAYS = Integer.MAX_VALUE;
    /** The SMTP pseudo-command for the end of the message data ({@code <CRLF>.<CRLF>}). */
    public static final String END_OF_DATA = "END-OF-DATA";

    public Fault {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(effect, "effect");
        if (service.isPresent() && service.get().protocol() != protocol) throw new IllegalArgumentException("service/protocol mismatch");
        if (nth < 1) throw new IllegalArgumentException("nth is 1-based");
        if (times < 1) throw new IllegalArgumentException("times must be positive");
        if (afterBytes < 0) throw new IllegalArgumentException("negative afterBytes");
        if (phase == Phase.CONNECT && user.isPresent()) throw new IllegalArgumentException("no user is known at CONNECT");
        if ((phase == Phase.CONNECT) != command.isEmpty()) {
            throw new IllegalArgumentException("a command is required except at CONNECT");
        }
        if (effect instanceof Effect.Reply && phase == Phase.RESPONSE_BODY) {
            throw new IllegalArgumentException("Reply is not possible during a response body");
        }
        if (effect instanceof Effect.FailTlsHandshake) {
            boolean startTls = command.map(c -> c.equals("STARTTLS") || c.equals("STLS")).orElse(false);
            if (!(phase == Phase.CONNECT || (phase == Phase.COMMAND && startTls))) {
                throw new IllegalArgumentException("FailTlsHandshake works at CONNECT (implicit TLS) or on STARTTLS/STLS");
            }
            if (phase == Phase.CONNECT && service.isPresent() && !service.get().implicitTls()) {
                throw new IllegalArgumentException(service.get() + " has no TLS handshake at connect");
            }
        }
    }

    /** Matches new connections to any service of {@code protocol}. */
    public static Builder onConnect(Protocol protocol) {
        return new Builder(protocol, Optional.empty(), Optional.empty(), Phase.CONNECT);
    }

    /** Matches new connections to one service. */
    public static Builder onConnect(Service service) {
        return new Builder(service.protocol(), Optional.of(service), Optional.empty(), Phase.CONNECT);
    }

    /** Matches a command of {@code protocol} by verb (see the class comment); phase {@link Phase#COMMAND} unless changed. */
    public static Builder onCommand(Protocol protocol, String verb) {
        return new Builder(protocol, Optional.empty(), Optional.of(canonical(verb)), Phase.COMMAND);
    }

    /** Matches a command on one service only. */
    public static Builder onCommand(Service service, String verb) {
        return new Builder(service.protocol(), Optional.of(service), Optional.of(canonical(verb)), Phase.COMMAND);
    }

    private static String canonical(String verb) {
        String v = verb.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (v.isEmpty()) throw new IllegalArgumentException("empty verb");
        return v;
    }

    /** Whether this fault fires on every occurrence. */
    public boolean always() {
        return times == ALWAYS;
    }

    /** Collects the match, the phase and the count; a terminal method names the effect and builds the fault. */
    public static final class Builder {
        private final Protocol protocol;
        private final Optional<Service> service;
        private final Optional<String> command;
        private Optional<String> user = Optional.empty();
        private Phase phase;
        private long afterBytes;
        private int nth = 1;
        private int times = 1;

        private Builder(Protocol protocol, Optional<Service> service, Optional<String> command, Phase phase) {
            this.protocol = protocol;
            this.service = service;
            this.command = command;
            this.phase = phase;
        }

        /** Only on connections authenticated as {@code user} (not for {@link Phase#CONNECT}). */
        public Builder forUser(String user) {
            this.user = Optional.of(user);
            return this;
        }

        /** Start firing at the n-th matching occurrence (1 = the first, the default). */
        public Builder nth(int n) {
            this.nth = n;
            return this;
        }

        /** Fire on this many occurrences (default 1). */
        public Builder times(int n) {
            this.times = n;
            return this;
        }

        /** Fire on every occurrence from {@link #nth} on. */
        public Builder always() {
            this.times = ALWAYS;
            return this;
        }

        /** Take effect before the first byte of the server's response (the command is executed). */
        public Builder atResponseStart() {
            return phase(Phase.RESPONSE_START, 0);
        }

        /** Take effect {@code bytes} octets into the response body (after the response's first line). */
        public Builder duringBody(long bytes) {
            return phase(Phase.RESPONSE_BODY, bytes);
        }

        /** Take effect before the response's final line (tagged status, final reply line, or {@code .}). */
        public Builder atResponseEnd() {
            return phase(Phase.RESPONSE_END, 0);
        }

        /** Any phase, with an octet offset for {@link Phase#RESPONSE_START} and {@link Phase#RESPONSE_BODY}. */
        public Builder phase(Phase phase, long afterBytes) {
            if ((phase == Phase.CONNECT) != (this.phase == Phase.CONNECT)) {
                throw new IllegalArgumentException("CONNECT faults have no command, command faults cannot use CONNECT");
            }
            this.phase = phase;
            this.afterBytes = afterBytes;
            return this;
        }

        public Fault reply(String text) {
            return effect(new Effect.Reply(text));
        }

        public Fault disconnect() {
            return effect(new Effect.Disconnect());
        }

        /** Disconnect after {@code bytes} octets of the response (from this phase's point on). */
        public Fault disconnectAfter(long bytes) {
            this.afterBytes += bytes;
            if (phase == Phase.COMMAND) phase = Phase.RESPONSE_START;
            return effect(new Effect.Disconnect());
        }

        public Fault halfClose() {
            return effect(new Effect.HalfClose());
        }

        public Fault stall() {
            return effect(new Effect.Stall());
        }

        public Fault delay(Duration duration) {
            return effect(new Effect.Delay(duration));
        }

        public Fault throttle(long bytesPerSecond) {
            return effect(new Effect.Throttle(bytesPerSecond));
        }

        public Fault failTlsHandshake() {
            return effect(new Effect.FailTlsHandshake());
        }

        public Fault effect(Effect effect) {
            return new Fault(protocol, service, command, user, phase, afterBytes, effect, nth, times);
        }
    }
}
