package dev.letterbox.pop3;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.pop3.internal.MaildropRegistry;
import dev.letterbox.pop3.internal.Pop3Config;
import dev.letterbox.pop3.internal.Pop3Session;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * POP3 (RFC 1939) with CAPA (RFC 2449), response codes (RFC 2449, RFC 3206), SASL AUTH (RFC 5034),
 * STLS (RFC 2595) and UTF8 (RFC 6856), as a {@link ProtocolSessionFactory} for the transport.
 *
 * <pre>{@code
 * ProtocolSessionFactory pop3 = Pop3Protocol.builder(trackedStore, authService)
 *         .deletionPolicy(DeletionPolicy.moveTo(MailboxPath.of("Archive")))
 *         .expire(Expire.days(30))
 *         .build();
 * }</pre>
 *
 * <p>Use one instance for all endpoints (POP3 with STLS and POP3S) that serve the same users: the
 * exclusive maildrop lock and the LOGIN-DELAY bookkeeping live in the instance.
 */
public final class Pop3Protocol implements ProtocolSessionFactory {
    /** RFC 1939 §3: an autologout timer MUST be of at least 10 minutes. */
    public static final Duration MIN_AUTOLOGOUT = Duration.ofMinutes(10);

    private static final byte[] BUSY =
            "-ERR [SYS/TEMP] Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Pop3Config config;
    private final MaildropRegistry registry;

    private Pop3Protocol(Pop3Config config) {
        this.config = config;
        this.registry = new MaildropRegistry(config.clock());
    }

    /**
     * Starts a builder over the tracked store (so deletions reach IMAP sessions as EXPUNGE) and the
     * authentication service.
     */
    public static Builder builder(TrackedStore store, AuthService auth) {
        Objects.requireNonNull(store, "store");
        return new Builder(store::open, auth);
    }

    @Override
    public String protocol() {
        return "pop3";
    }

    @Override
    public ProtocolSession newSession(ConnectionInfo info) {
        return new Pop3Session(config, registry, info);
    }

    @Override
    public byte[] busyReply() {
        return BUSY.clone();
    }

    @Override
    public Duration initialReadTimeout() {
        return config.autologout();
    }

    /** Options of a POP3 endpoint; {@link #build()} produces an immutable factory. */
    public static final class Builder {
        private final Pop3Config.MaildropOpener store;
        private final AuthService auth;
        private DeletionPolicy deletionPolicy = DeletionPolicy.expunge();
        private Function<String, DeletionPolicy> deletionPolicyForUser;
        private boolean exclusiveLock = true;
        private Duration autologout = MIN_AUTOLOGOUT;
        private Expire expire;
        private Function<String, Expire> expireForUser;
        private Duration loginDelay;
        private Function<String, Duration> loginDelayForUser;
        private boolean userPass = true;
        private boolean pipelining = true;
        private boolean utf8 = true;
        private String implementation = "Letterbox";
        private String greeting = "Letterbox POP3 server ready";
        private String hostname = "localhost";
        private int maxLineLength = 1024;
        private int maxSaslLineLength = 16 * 1024;
        private int maxProtocolErrors = 5;
        private Clock clock = Clock.systemUTC();

        private Builder(Pop3Config.MaildropOpener store, AuthService auth) {
            this.store = Objects.requireNonNull(store, "store");
            this.auth = Objects.requireNonNull(auth, "auth");
        }

        /** What QUIT does with messages marked by DELE, for every user (default {@link DeletionPolicy#expunge()}). */
        public Builder deletionPolicy(DeletionPolicy policy) {
            this.deletionPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * A per-user deletion policy; return {@link Optional#empty()} to use the server's policy.
         * Called at login with the authenticated user name.
         */
        public Builder deletionPolicyForUser(Function<String, Optional<DeletionPolicy>> perUser) {
            Objects.requireNonNull(perUser, "perUser");
            this.deletionPolicyForUser = user -> perUser.apply(user).orElse(null);
            return this;
        }

        /**
         * Whether a maildrop may be open in only one POP3 session at a time (RFC 1939 §4, default on).
         * A second session then gets {@code -ERR [IN-USE]}.
         */
        public Builder exclusiveLock(boolean on) {
            this.exclusiveLock = on;
            return this;
        }

        /** Inactivity autologout; at least {@link #MIN_AUTOLOGOUT} (RFC 1939 §3). */
        public Builder autologout(Duration timeout) {
            if (timeout.compareTo(MIN_AUTOLOGOUT) < 0) {
                throw new IllegalArgumentException("RFC 1939 requires an autologout of at least 10 minutes");
            }
            this.autologout = timeout;
            return this;
        }

        /** Advertises {@code EXPIRE} (RFC 2449 §6.7) with this retention for every user. */
        public Builder expire(Expire value) {
            this.expire = Objects.requireNonNull(value, "value");
            this.expireForUser = null;
            return this;
        }

        /**
         * Advertises {@code EXPIRE serverDefault USER} before login and the user's own value after it
         * (RFC 2449 §6.7).
         */
        public Builder expire(Expire serverDefault, Function<String, Expire> perUser) {
            this.expire = Objects.requireNonNull(serverDefault, "serverDefault");
            this.expireForUser = Objects.requireNonNull(perUser, "perUser");
            return this;
        }

        /**
         * Advertises and enforces {@code LOGIN-DELAY} (RFC 2449 §6.5): a login sooner than this after
         * the user's previous login is refused with {@code -ERR [LOGIN-DELAY]}.
         */
        public Builder loginDelay(Duration delay) {
            this.loginDelay = checkDelay(delay);
            this.loginDelayForUser = null;
            return this;
        }

        /** Like {@link #loginDelay(Duration)}, with {@code LOGIN-DELAY n USER} before login and a per-user value. */
        public Builder loginDelay(Duration serverDefault, Function<String, Duration> perUser) {
            this.loginDelay = checkDelay(serverDefault);
            this.loginDelayForUser = Objects.requireNonNull(perUser, "perUser");
            return this;
        }

        private static Duration checkDelay(Duration d) {
            if (d.isNegative()) throw new IllegalArgumentException("negative login delay");
            return d;
        }

        /** Offers USER/PASS (RFC 1939 §7); the plaintext rule of the AuthService still applies. Default on. */
        public Builder userPass(boolean on) {
            this.userPass = on;
            return this;
        }

        /** Advertises PIPELINING (RFC 2449 §6.6). Pipelined commands are answered together either way. */
        public Builder pipelining(boolean on) {
            this.pipelining = on;
            return this;
        }

        /** Advertises UTF8 (RFC 6856) and accepts the UTF8 command. Default on. */
        public Builder utf8(boolean on) {
            this.utf8 = on;
            return this;
        }

        /** The IMPLEMENTATION capability text (RFC 2449 §6.9), or empty to leave it out. */
        public Builder implementation(Optional<String> text) {
            text.ifPresent(Builder::checkText);
            this.implementation = text.orElse(null);
            return this;
        }

        /** Greeting text after {@code +OK}. */
        public Builder greeting(String text) {
            this.greeting = checkText(text);
            return this;
        }

        /** Host name used in the APOP timestamp (RFC 1939 §7), e.g. the server's FQDN. */
        public Builder hostname(String name) {
            this.hostname = checkText(name);
            return this;
        }

        /** Longest command line, in octets including CRLF (RFC 2449 §4 asks for at least 255). */
        public Builder maxLineLength(int octets) {
            if (octets < 255) throw new IllegalArgumentException("RFC 2449 §4 requires at least 255 octets");
            this.maxLineLength = octets;
            return this;
        }

        /** Longest SASL response line (RFC 5034 §4; OAuth tokens can be several kilobytes). */
        public Builder maxSaslLineLength(int octets) {
            if (octets < 255) throw new IllegalArgumentException("at least 255 octets");
            this.maxSaslLineLength = octets;
            return this;
        }

        /** Consecutive protocol errors before login after which the connection is closed. */
        public Builder maxProtocolErrors(int count) {
            if (count < 1) throw new IllegalArgumentException("at least 1");
            this.maxProtocolErrors = count;
            return this;
        }

        /** Time source for LOGIN-DELAY bookkeeping (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static String checkText(String s) {
            Objects.requireNonNull(s, "text");
            if (s.isEmpty() || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("text must be non-empty and free of control characters");
            }
            return s;
        }

        public Pop3Protocol build() {
            DeletionPolicy serverPolicy = deletionPolicy;
            Function<String, DeletionPolicy> perUser = deletionPolicyForUser;
            Function<String, DeletionPolicy> policy = perUser == null ? user -> serverPolicy : user -> {
                DeletionPolicy p = perUser.apply(user);
                return p == null ? serverPolicy : p;
            };
            return new Pop3Protocol(new Pop3Config(store, auth, policy, exclusiveLock, autologout,
                    Optional.ofNullable(expire), Optional.ofNullable(expireForUser),
                    Optional.ofNullable(loginDelay), Optional.ofNullable(loginDelayForUser),
                    userPass, pipelining, utf8, Optional.ofNullable(implementation), greeting, hostname,
                    maxLineLength, maxSaslLineLength, maxProtocolErrors, clock));
        }
    }
}
