package dev.letterbox.imap4;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.imap4.internal.ImapConfig;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.RecentTracker;
import dev.letterbox.imap4.internal.SessionStore;
import dev.letterbox.imap4.internal.command.Commands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The IMAP4rev1/IMAP4rev2 server (RFC 3501, RFC 9051) as a {@link ProtocolSessionFactory}: hand it to
 * the transport's endpoints (plain with STARTTLS on 143, implicit TLS on 993) or drive it in memory.
 *
 * <pre>{@code
 * ProtocolSessionFactory imap = ImapProtocol.builder(trackedStore, authService)
 *         .appendLimit(50L << 20)
 *         .disable("UTF8=ACCEPT")
 *         .build();
 * }</pre>
 */
public final class ImapProtocol implements ProtocolSessionFactory {
    /** One daemon timer thread shared by all instances; it only hands heartbeats to connection executors. */
    private static final class Heartbeats {
        static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            var pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "letterbox-imap-heartbeat");
                t.setDaemon(true);
                return t;
            });
            pool.setRemoveOnCancelPolicy(true); // IDLE ends cancel their heartbeat; do not keep them queued
            return pool;
        }
    }

    /** Every capability this server can advertise; all are on by default. */
    public static final Set<String> CAPABILITIES = Set.of("IMAP4rev2", "IDLE", "UIDPLUS", "MOVE", "LITERAL+",
            "ENABLE", "NAMESPACE", "ID", "UNSELECT", "CHILDREN", "SPECIAL-USE", "CREATE-SPECIAL-USE",
            "LIST-EXTENDED", "LIST-STATUS", "ESEARCH", "SEARCHRES", "WITHIN", "SASL-IR", "STARTTLS", "APPENDLIMIT",
            "STATUS=SIZE", "BINARY", "UTF8=ACCEPT", "MULTIAPPEND", "UNAUTHENTICATE");

    private final ImapConfig config;
    private final SessionStore store;
    private final AuthService auth;
    private final Commands commands;
    private final RecentTracker recent = new RecentTracker();
    private final ScheduledExecutorService timer;

    private ImapProtocol(Builder b) {
        this.store = b.store;
        this.auth = b.auth;
        this.config = new ImapConfig(b.disabled, b.appendLimit, b.literalLimitBeforeAuth, b.literalLimitAfterAuth,
                b.maxLineLength, b.maxNestingDepth, b.autologout, b.commandTimeout, b.idleHeartbeat, b.recent,
                b.spoolThreshold, b.spoolDirectory, b.maxBadBeforeAuth, b.maxPendingChanges, b.serverId, b.storePolling);
        this.commands = new Commands(config);
        this.timer = b.idleHeartbeat.isZero() && b.storePolling.isZero() ? null : Heartbeats.TIMER;
    }

    /**
     * A builder over the tracked store (every mutation a session makes is published to the other
     * sessions through its hub) and the authentication service.
     */
    public static Builder builder(TrackedStore store, AuthService auth) {
        Objects.requireNonNull(store, "store");
        return new Builder(new SessionStore() {
            @Override
            public dev.letterbox.core.store.UserMailboxes open(String user, dev.letterbox.core.event.Origin origin) {
                return store.open(user, origin);
            }

            @Override
            public dev.letterbox.core.event.ChangeHub hub() {
                return store.hub();
            }
        }, auth);
    }

    @Override
    public String protocol() {
        return "imap";
    }

    @Override
    public ProtocolSession newSession(ConnectionInfo info) {
        return new ImapSession(info, config, commands.byVerb(), commands.capabilities(), store, auth, recent, timer);
    }

    @Override
    public byte[] busyReply() {
        return "* BYE [UNAVAILABLE] Too many connections, try again later\r\n".getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Duration initialReadTimeout() {
        return config.commandTimeout();
    }

    /** Options of the IMAP server. Every limit has a safe default. */
    public static final class Builder {
        private final SessionStore store;
        private final AuthService auth;
        private final Set<String> disabled = new TreeSet<>();
        private long appendLimit = 64L << 20;
        private long literalLimitBeforeAuth = 8 * 1024;
        private long literalLimitAfterAuth = 1 << 20;
        private int maxLineLength = 64 * 1024;
        private int maxNestingDepth = 32;
        private Duration autologout = Duration.ofMinutes(30);
        private Duration commandTimeout = Duration.ofMinutes(2);
        private Duration idleHeartbeat = Duration.ofMinutes(2);
        private boolean recent = true;
        private int spoolThreshold = 256 * 1024;
        private Path spoolDirectory;
        private int maxBadBeforeAuth = 3;
        private int maxPendingChanges = 10_000;
        private final Map<String, String> serverId = new LinkedHashMap<>(Map.of("name", "Letterbox"));
        private Duration storePolling = Duration.ZERO;

        private Builder(SessionStore store, AuthService auth) {
            this.store = Objects.requireNonNull(store, "store");
            this.auth = Objects.requireNonNull(auth, "auth");
        }

        /** Switches a capability (and the commands that exist only with it) off, e.g. {@code "IDLE"}. */
        public Builder disable(String capability) {
            String c = canonical(capability);
            disabled.add(c);
            return this;
        }

        public Builder enable(String capability) {
            disabled.remove(canonical(capability));
            return this;
        }

        private static String canonical(String capability) {
            for (String c : CAPABILITIES) {
                if (c.equalsIgnoreCase(capability)) return c;
            }
            throw new IllegalArgumentException("unknown capability: " + capability);
        }

        /** Largest message APPEND accepts, advertised as {@code APPENDLIMIT=n} (RFC 7889). */
        public Builder appendLimit(long bytes) {
            if (bytes < 1 || bytes > 0xFFFF_FFFFL) throw new IllegalArgumentException("appendLimit");
            this.appendLimit = bytes;
            return this;
        }

        public Builder literalLimitBeforeAuth(long bytes) {
            this.literalLimitBeforeAuth = positive(bytes, "literalLimitBeforeAuth");
            return this;
        }

        /** Largest literal outside APPEND after authentication. */
        public Builder literalLimitAfterAuth(long bytes) {
            this.literalLimitAfterAuth = positive(bytes, "literalLimitAfterAuth");
            return this;
        }

        public Builder maxLineLength(int bytes) {
            if (bytes < 1000) throw new IllegalArgumentException("maxLineLength must be at least 1000 (RFC 7162 §4)");
            this.maxLineLength = bytes;
            return this;
        }

        public Builder maxNestingDepth(int depth) {
            this.maxNestingDepth = (int) positive(depth, "maxNestingDepth");
            return this;
        }

        /** Inactivity autologout; RFC 9051 §5.4 requires at least 30 minutes. */
        public Builder autologout(Duration d) {
            if (d.compareTo(Duration.ofMinutes(30)) < 0) throw new IllegalArgumentException("autologout must be >= 30 minutes");
            this.autologout = d;
            return this;
        }

        /**
         * Read timeout while a command is incomplete (waiting for a literal or continuation), and
         * between commands before authentication.
         */
        public Builder commandTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("commandTimeout");
            this.commandTimeout = d;
            return this;
        }

        /**
         * Interval of {@code * OK Still here} during IDLE (default 2 minutes, keeping NAT and firewall
         * state alive); the first comes after a random 50–100 % of it, so that clients that started
         * IDLE together are not all woken at once. {@link Duration#ZERO} disables it.
         */
        public Builder idleHeartbeat(Duration d) {
            if (d.isNegative()) throw new IllegalArgumentException("idleHeartbeat");
            this.idleHeartbeat = d;
            return this;
        }

        /** Whether IMAP4rev1 sessions see \Recent and RECENT (on by default). */
        public Builder recent(boolean on) {
            this.recent = on;
            return this;
        }

        /** Literals larger than this are spooled to a temp file (always deleted afterwards). */
        public Builder spoolThreshold(int bytes) {
            this.spoolThreshold = (int) positive(bytes, "spoolThreshold");
            return this;
        }

        public Builder spoolDirectory(Path dir) {
            this.spoolDirectory = Objects.requireNonNull(dir);
            return this;
        }

        /** Consecutive BAD commands before authentication that end the connection with BYE (default 3). */
        public Builder maxBadCommandsBeforeAuth(int n) {
            this.maxBadBeforeAuth = (int) positive(n, "maxBadCommandsBeforeAuth");
            return this;
        }

        /** Pending change events per selected session before they collapse into a full resync. */
        public Builder maxPendingChanges(int n) {
            this.maxPendingChanges = (int) positive(n, "maxPendingChanges");
            return this;
        }

        /**
         * For stores that change behind the library's back without publishing to the hub: NOOP and
         * CHECK compare the selected view with the store, and idling sessions do so at this interval.
         * {@link Duration#ZERO} (the default) relies on published changes only.
         */
        public Builder storePolling(Duration interval) {
            if (interval.isNegative()) throw new IllegalArgumentException("storePolling");
            this.storePolling = interval;
            return this;
        }

        /** A field of the RFC 2971 ID response, e.g. {@code ("version", "1.0")}. */
        public Builder serverId(String field, String value) {
            serverId.put(field.toLowerCase(Locale.ROOT), value);
            return this;
        }

        private static long positive(long v, String name) {
            if (v < 1) throw new IllegalArgumentException(name + " must be positive");
            return v;
        }

        public ImapProtocol build() {
            return new ImapProtocol(this);
        }
    }
}
