package dev.letterbox.smtp;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.smtp.internal.SmtpConfig;
import dev.letterbox.smtp.internal.SmtpSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * SMTP message submission (RFC 6409 over RFC 5321) as a {@link ProtocolSessionFactory}: register it on
 * a STARTTLS endpoint (port 587) and an implicit-TLS endpoint (port 465, RFC 8314).
 *
 * <pre>{@code
 * ProtocolSessionFactory smtp = SubmissionProtocol.builder(authService, handler)
 *         .hostname("mail.example.com")
 *         .maxMessageSize(50L << 20)
 *         .build();
 * }</pre>
 *
 * Extensions advertised in EHLO: PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, CHUNKING,
 * DSN, STARTTLS (when the connection can start TLS) and AUTH (the mechanisms the {@link AuthService}
 * offers on the connection, so plaintext mechanisms only after TLS unless it allows them).
 */
public final class SubmissionProtocol implements ProtocolSessionFactory {
    private final SmtpConfig config;

    private SubmissionProtocol(SmtpConfig config) {
        this.config = config;
    }

    public static Builder builder(AuthService auth, SubmissionHandler handler) {
        return new Builder(auth, handler);
    }

    @Override
    public String protocol() {
        return "smtp";
    }

    @Override
    public ProtocolSession newSession(ConnectionInfo info) {
        return new SmtpSession(config, info);
    }

    /** {@code 421 4.7.0}: sent to connections refused by a connection limit. */
    @Override
    public byte[] busyReply() {
        return ("421 4.7.0 " + config.hostname() + " Too many connections, try again later\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public Duration initialReadTimeout() {
        return config.commandTimeout();
    }

    /** The configured hostname (greeting, Received, Message-ID). */
    public String hostname() {
        return config.hostname();
    }

    /** The configured maximum message size in octets. */
    public long maxMessageSize() {
        return config.maxMessageSize();
    }

    /** Options; every one has a safe default. */
    public static final class Builder {
        private final AuthService auth;
        private final SubmissionHandler handler;
        private String hostname = "localhost";
        private SenderPolicy senderPolicy = SenderPolicy.sameAsLogin();
        private boolean requireAuth = true;
        private long maxMessageSize = 35L * 1024 * 1024;
        private int maxRecipients = 100;
        private int maxLineLength = 12288;
        private int maxErrors = 10;
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataTimeout = Duration.ofMinutes(3);
        private int spoolMemoryThreshold = 2 * 1024 * 1024;
        private Optional<Path> spoolDirectory = Optional.empty();
        private LineEndingPolicy lineEndings = LineEndingPolicy.REJECT;
        private boolean addReceived = true;
        private boolean addDate = true;
        private boolean addMessageId = true;
        private boolean pipelining = true;
        private boolean eightBitMime = true;
        private boolean smtpUtf8 = true;
        private boolean chunking = true;
        private boolean dsn = true;
        private boolean enhancedStatusCodes = true;
        private boolean startTls = true;
        private Clock clock = Clock.systemUTC();

        private Builder(AuthService auth, SubmissionHandler handler) {
            this.auth = Objects.requireNonNull(auth, "auth");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** The server's name in the greeting, EHLO reply, Received and generated Message-IDs; default {@code localhost}. */
        public Builder hostname(String hostname) {
            Objects.requireNonNull(hostname, "hostname");
            if (hostname.isEmpty() || !hostname.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new IllegalArgumentException("invalid hostname: " + hostname);
            }
            this.hostname = hostname;
            return this;
        }

        /** RFC 6409 §6.1: who may use which envelope sender; default {@link SenderPolicy#sameAsLogin()}. */
        public Builder senderPolicy(SenderPolicy policy) {
            this.senderPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * RFC 6409 §4.3: MAIL requires authentication ({@code 530 5.7.0}); default true. Turning it off
         * makes the server accept unauthenticated mail (a test relay, never a public port).
         */
        public Builder requireAuth(boolean require) {
            this.requireAuth = require;
            return this;
        }

        /** Maximum message size in octets (SIZE, RFC 1870; {@code 552 5.3.4}); default 35 MiB. */
        public Builder maxMessageSize(long bytes) {
            if (bytes < 1) throw new IllegalArgumentException("maxMessageSize must be positive");
            this.maxMessageSize = bytes;
            return this;
        }

        /** Recipients per message ({@code 452 4.5.3}); default 100 (RFC 5321 §4.5.3.1.8 minimum). */
        public Builder maxRecipients(int n) {
            if (n < 1) throw new IllegalArgumentException("maxRecipients must be positive");
            this.maxRecipients = n;
            return this;
        }

        /**
         * Maximum command line length in octets including CRLF ({@code 500 5.5.2}); default 12288, the
         * AUTH line limit of RFC 4954 §4. Must be at least 512 (RFC 5321 §4.5.3.1.4).
         */
        public Builder maxLineLength(int octets) {
            if (octets < 512) throw new IllegalArgumentException("maxLineLength must be at least 512");
            this.maxLineLength = octets;
            return this;
        }

        /** Client errors tolerated before {@code 421 4.7.0} and disconnect; default 10. */
        public Builder maxErrors(int n) {
            if (n < 1) throw new IllegalArgumentException("maxErrors must be positive");
            this.maxErrors = n;
            return this;
        }

        /** Read timeout between commands (RFC 5321 §4.5.3.2: at least 5 minutes); default 5 minutes. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout);
            return this;
        }

        /** Read timeout inside DATA and BDAT (RFC 5321 §4.5.3.2.5: 3 minutes per block); default 3 minutes. */
        public Builder dataTimeout(Duration timeout) {
            this.dataTimeout = positive(timeout);
            return this;
        }

        /** Messages up to this size stay in memory, larger ones go to a temp file; default 2 MiB. */
        public Builder spoolMemoryThreshold(int bytes) {
            if (bytes < 0) throw new IllegalArgumentException("spoolMemoryThreshold must not be negative");
            this.spoolMemoryThreshold = bytes;
            return this;
        }

        /** Where spool files go; default the JVM's temp directory. */
        public Builder spoolDirectory(Path dir) {
            this.spoolDirectory = Optional.of(dir);
            return this;
        }

        /** Bare CR / bare LF in message data; default {@link LineEndingPolicy#REJECT}. */
        public Builder lineEndings(LineEndingPolicy policy) {
            this.lineEndings = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Prepend an RFC 5321 §4.4 Received trace field; default true. */
        public Builder addReceived(boolean add) {
            this.addReceived = add;
            return this;
        }

        /** RFC 6409 §8.2: add a Date field when the message has none; default true. */
        public Builder addMissingDate(boolean add) {
            this.addDate = add;
            return this;
        }

        /** RFC 6409 §8.3: add a Message-ID field when the message has none; default true. */
        public Builder addMissingMessageId(boolean add) {
            this.addMessageId = add;
            return this;
        }

        public Builder pipelining(boolean on) {
            this.pipelining = on;
            return this;
        }

        /** 8BITMIME (RFC 6152); SMTPUTF8 needs it. */
        public Builder eightBitMime(boolean on) {
            this.eightBitMime = on;
            return this;
        }

        public Builder smtpUtf8(boolean on) {
            this.smtpUtf8 = on;
            return this;
        }

        /** CHUNKING and BDAT (RFC 3030). */
        public Builder chunking(boolean on) {
            this.chunking = on;
            return this;
        }

        /** DSN parameters (RFC 3461), parsed and handed to the handler. */
        public Builder dsn(boolean on) {
            this.dsn = on;
            return this;
        }

        /** Enhanced status codes (RFC 2034) in replies. */
        public Builder enhancedStatusCodes(boolean on) {
            this.enhancedStatusCodes = on;
            return this;
        }

        /** Offer STARTTLS where the endpoint can start TLS; default true. */
        public Builder startTls(boolean on) {
            this.startTls = on;
            return this;
        }

        /** The clock for Date and Received (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public SubmissionProtocol build() {
            return new SubmissionProtocol(new SmtpConfig(hostname, auth, handler, senderPolicy, requireAuth, maxMessageSize,
                    maxRecipients, maxLineLength, maxErrors, commandTimeout, dataTimeout, spoolMemoryThreshold, spoolDirectory,
                    lineEndings, addReceived, addDate, addMessageId, pipelining, eightBitMime, smtpUtf8, chunking, dsn,
                    enhancedStatusCodes, startTls, clock));
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("timeout must be positive");
            return d;
        }
    }
}
