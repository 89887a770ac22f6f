package dev.letterbox.core.auth;

import dev.letterbox.core.auth.internal.Crypto;
import dev.letterbox.core.auth.internal.FailureTracker;
import dev.letterbox.core.auth.internal.LoginMechanism;
import dev.letterbox.core.auth.internal.Mechanism;
import dev.letterbox.core.auth.internal.OAuthBearerMechanism;
import dev.letterbox.core.auth.internal.PlainMechanism;
import dev.letterbox.core.auth.internal.ScramSha256Mechanism;
import dev.letterbox.core.auth.internal.XOAuth2Mechanism;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The standard {@link AuthService}: SASL mechanisms PLAIN, LOGIN, SCRAM-SHA-256, OAUTHBEARER and
 * XOAUTH2 over an {@link Authenticator} (and a {@link TokenValidator} for the bearer mechanisms), an
 * {@link AccessPolicy}, the plaintext rule, a failed-login delay and {@link FailureCounters}.
 *
 * <ul>
 *   <li>Plaintext rule: PLAIN and LOGIN are advertised, and {@link #login} accepted, only over TLS, from
 *       a loopback address ({@link Builder#plaintextFromLoopback}), or with
 *       {@link Builder#allowPlaintext(boolean) allowPlaintext(true)}. SCRAM and the bearer mechanisms are
 *       offered regardless.</li>
 *   <li>Failed logins (wrong credentials, policy refusal, lockout) sleep {@link Builder#failedLoginDelay}
 *       (default 1 s) on the calling thread: {@link #login}, {@link #apop}, and the final step of every
 *       SASL exchange started by {@link #startSasl}. Malformed input, cancels and backend errors are not
 *       delayed or counted, except a cancel after the bearer mechanisms rejected the token.</li>
 *   <li>Optional lockout: after N consecutive failures from an address, logins from it fail with
 *       {@code TEMPORARY} for a while without checking credentials.</li>
 * </ul>
 */
public final class DefaultAuthService implements AuthService {
    private static final System.Logger LOG = System.getLogger(DefaultAuthService.class.getName());

    /** All mechanisms this service implements, in the default advertisement order. */
    public static final List<String> ALL_MECHANISMS = List.of("SCRAM-SHA-256", "PLAIN", "LOGIN", "OAUTHBEARER", "XOAUTH2");
    private static final Set<String> PLAINTEXT_MECHANISMS = Set.of("PLAIN", "LOGIN");
    private static final Set<String> BEARER_MECHANISMS = Set.of("OAUTHBEARER", "XOAUTH2");

    /** How the service waits on failed logins; injectable so tests never sleep. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

        void sleep(Duration duration) throws InterruptedException;
    }

    private final Authenticator authenticator;
    private final Optional<TokenValidator> tokenValidator;
    private final List<String> mechanisms;
    private final AccessPolicy policy;
    private final boolean allowPlaintext;
    private final boolean plaintextFromLoopback;
    private final Duration delay;
    private final Sleeper sleeper;
    private final boolean apop;
    private final Optional<String> oauthScope;
    private final Optional<String> oauthConfiguration;
    private final FailureTracker tracker;
    private final ScramSha256Mechanism.Config scramConfig;

    private DefaultAuthService(Builder b) {
        this.authenticator = Objects.requireNonNull(b.authenticator, "authenticator");
        this.tokenValidator = Optional.ofNullable(b.tokenValidator);
        this.mechanisms = b.mechanisms != null ? List.copyOf(b.mechanisms) : ALL_MECHANISMS.stream()
                .filter(m -> !m.equals("SCRAM-SHA-256") || authenticator.scramSha256Supported())
                .filter(m -> !BEARER_MECHANISMS.contains(m) || tokenValidator.isPresent())
                .toList();
        for (String m : mechanisms) {
            if (BEARER_MECHANISMS.contains(m) && tokenValidator.isEmpty()) {
                throw new IllegalStateException(m + " needs a token validator");
            }
        }
        this.policy = AccessPolicy.denyLocalParts(b.deniedNames).and(b.policy);
        this.allowPlaintext = b.allowPlaintext;
        this.plaintextFromLoopback = b.plaintextFromLoopback;
        this.delay = b.delay;
        this.sleeper = b.sleeper;
        this.apop = b.apop;
        this.oauthScope = Optional.ofNullable(b.oauthScope);
        this.oauthConfiguration = Optional.ofNullable(b.oauthConfiguration);
        this.tracker = new FailureTracker(b.clock, b.failureWindow, b.maxTrackedEntries, b.lockoutThreshold, b.lockoutDuration);
        this.scramConfig = new ScramSha256Mechanism.Config(authenticator, ScramSha256Mechanism::randomNonce,
                Crypto.randomBytes(32), b.scramFakeIterations > 0 ? b.scramFakeIterations
                        : authenticator instanceof UserRegistry r ? r.iterations() : UserRegistry.DEFAULT_ITERATIONS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Login counters, for metrics. */
    public FailureCounters counters() {
        return tracker;
    }

    @Override
    public List<String> mechanisms(AuthContext ctx) {
        boolean plaintext = plaintextAllowed(ctx);
        return mechanisms.stream().filter(m -> plaintext || !PLAINTEXT_MECHANISMS.contains(m)).toList();
    }

    @Override
    public boolean plaintextAllowed(AuthContext ctx) {
        return allowPlaintext || ctx.tls() || plaintextFromLoopback && ctx.fromLoopback();
    }

    @Override
    public Optional<SaslServer> startSasl(String mechanism, AuthContext ctx) {
        String name = mechanism.toUpperCase(Locale.ROOT);
        if (!mechanisms(ctx).contains(name)) return Optional.empty();
        Mechanism m = switch (name) {
            case "PLAIN" -> new PlainMechanism(authenticator, ctx);
            case "LOGIN" -> new LoginMechanism(authenticator, ctx);
            case "SCRAM-SHA-256" -> new ScramSha256Mechanism(scramConfig);
            case "OAUTHBEARER" -> new OAuthBearerMechanism(tokenValidator.orElseThrow(), ctx, oauthScope, oauthConfiguration);
            case "XOAUTH2" -> new XOAuth2Mechanism(tokenValidator.orElseThrow(), ctx, oauthScope);
            default -> throw new IllegalStateException("unknown mechanism " + name);
        };
        return Optional.of(new GuardedSasl(m, ctx));
    }

    @Override
    public LoginResult login(String username, char[] password, AuthContext ctx) {
        if (!plaintextAllowed(ctx)) return new LoginResult.PlaintextDisallowed();
        SaslStep step;
        if (lockedOut(ctx)) {
            step = lockout();
        } else if (username.isEmpty() || password.length == 0) {
            step = new SaslStep.Failure(FailureKind.INVALID_CREDENTIALS, "empty user name or password");
        } else {
            step = backend(() -> authenticator.authenticate(username, password, Optional.empty(), ctx), "LOGIN");
        }
        return toLoginResult(conclude(step, username, "LOGIN", ctx));
    }

    @Override
    public boolean apopEnabled() {
        return apop;
    }

    @Override
    public LoginResult apop(String username, String timestamp, String digest, AuthContext ctx) {
        SaslStep step;
        if (!apop || username.isEmpty()) {
            step = new SaslStep.Failure(FailureKind.INVALID_CREDENTIALS, "APOP not enabled or no user");
        } else if (lockedOut(ctx)) {
            step = lockout();
        } else {
            step = backend(() -> authenticator.apopSecret(username)
                    .filter(secret -> apopDigestMatches(timestamp, secret, digest))
                    .map(secret -> authenticator.principalOf(username)), "APOP");
        }
        return toLoginResult(conclude(step, username, "APOP", ctx));
    }

    /** RFC 1939 §7: digest = lower-case hex MD5(timestamp + secret); compared in constant time. */
    private static boolean apopDigestMatches(String timestamp, char[] secret, String digest) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(timestamp.getBytes(StandardCharsets.UTF_8));
            md5.update(new String(secret).getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(md5.digest()).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private interface Check {
        Optional<Principal> run();
    }

    private SaslStep backend(Check check, String mechanism) {
        try {
            return check.run().<SaslStep>map(p -> new SaslStep.Success(p, new byte[0]))
                    .orElseGet(() -> new SaslStep.Failure(FailureKind.INVALID_CREDENTIALS, mechanism + ": bad credentials"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, mechanism + ": authentication backend failed", e);
            return new SaslStep.Failure(FailureKind.TEMPORARY, "backend error");
        }
    }

    private boolean lockedOut(AuthContext ctx) {
        return tracker.lockedOut(ctx.remote().getAddress());
    }

    private static final SaslStep.Failure LOCKED_OUT =
            new SaslStep.Failure(FailureKind.TEMPORARY, "address locked out after repeated failures");

    private static SaslStep lockout() {
        return LOCKED_OUT;
    }

    private static LoginResult toLoginResult(SaslStep step) {
        if (step instanceof SaslStep.Success s) return new LoginResult.Success(s.principal());
        return new LoginResult.Failure(((SaslStep.Failure) step).kind());
    }

    /**
     * The final step of any login: applies the access policy to a success, counts, logs and delays
     * failures that concern credentials (and lockouts).
     */
    private SaslStep conclude(SaslStep step, String loginName, String mechanism, AuthContext ctx) {
        if (step instanceof SaslStep.Success s) {
            if (policy.permits(s.principal(), loginName, ctx)) {
                tracker.success(address(ctx), loginName);
                LOG.log(Level.DEBUG, () -> "[" + ctx.sessionId() + "] " + ctx.protocol() + " " + mechanism
                        + " login of " + printable(s.principal().name()));
                return step;
            }
            step = new SaslStep.Failure(FailureKind.NOT_PERMITTED, "access policy refuses " + s.principal().name()
                    + " on " + ctx.protocol());
        }
        if (step instanceof SaslStep.Failure f && countsAsFailure(f)) {
            tracker.failure(address(ctx), loginName);
            LOG.log(Level.INFO, () -> "[" + ctx.sessionId() + "] " + ctx.protocol() + " " + mechanism
                    + " login failed for '" + printable(loginName) + "' from " + ctx.remote().getAddress() + ": "
                    + printable(f.reason()));
            pause();
        }
        return step;
    }

    /** Client-chosen text for a log line: control characters escaped so no one can forge log lines. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    private static boolean countsAsFailure(SaslStep.Failure f) {
        return f.kind() == FailureKind.INVALID_CREDENTIALS || f.kind() == FailureKind.NOT_PERMITTED
                || f == LOCKED_OUT;
    }

    private static InetAddress address(AuthContext ctx) {
        return ctx.remote().getAddress();
    }

    private void pause() {
        if (delay.isZero() || delay.isNegative()) return;
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies lockout, policy, counting and delay around a mechanism. */
    private final class GuardedSasl implements SaslServer {
        private final Mechanism inner;
        private final AuthContext ctx;
        private boolean started;

        GuardedSasl(Mechanism inner, AuthContext ctx) {
            this.inner = inner;
            this.ctx = ctx;
        }

        @Override
        public String mechanism() {
            return inner.mechanism();
        }

        @Override
        public SaslStep evaluate(byte[] response) {
            if (!started && !inner.isDone()) {
                started = true;
                if (lockedOut(ctx)) {
                    inner.cancel();
                    return conclude(lockout(), "", mechanism(), ctx);
                }
            }
            boolean wasDone = inner.isDone();
            SaslStep step = inner.evaluate(response);
            if (wasDone || step instanceof SaslStep.Challenge) return step;
            return conclude(step, inner.attemptedUser(), mechanism(), ctx);
        }

        @Override
        public SaslStep cancel() {
            boolean pending = !inner.isDone() && inner.failurePending();
            SaslStep step = inner.cancel();
            if (pending) {
                conclude(new SaslStep.Failure(FailureKind.INVALID_CREDENTIALS, mechanism() + ": token rejected"),
                        inner.attemptedUser(), mechanism(), ctx);
            }
            return step;
        }
    }

    /** Builds an immutable {@link DefaultAuthService}. */
    public static final class Builder {
        private Authenticator authenticator;
        private TokenValidator tokenValidator;
        private List<String> mechanisms;
        private AccessPolicy policy = AccessPolicy.ALLOW_ALL;
        private final Map<String, Collection<String>> deniedNames = new HashMap<>(Map.of(
                "imap", AccessPolicy.DEFAULT_DENIED_NAMES, "pop3", AccessPolicy.DEFAULT_DENIED_NAMES));
        private boolean allowPlaintext;
        private boolean plaintextFromLoopback = true;
        private Duration delay = Duration.ofSeconds(1);
        private Sleeper sleeper = Sleeper.THREAD;
        private Clock clock = Clock.systemUTC();
        private Duration failureWindow = Duration.ofHours(1);
        private int maxTrackedEntries = 100_000;
        private int lockoutThreshold;
        private Duration lockoutDuration = Duration.ofMinutes(15);
        private boolean apop;
        private String oauthScope;
        private String oauthConfiguration;
        private int scramFakeIterations;

        private Builder() {
        }

        /** Required: checks passwords (and supplies SCRAM keys and APOP secrets). */
        public Builder authenticator(Authenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** Enables OAUTHBEARER and XOAUTH2 (by default, when no explicit mechanism list is given). */
        public Builder tokenValidator(TokenValidator validator) {
            this.tokenValidator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * The mechanisms to offer, in advertisement order (names from {@link #ALL_MECHANISMS}). Default:
         * SCRAM-SHA-256 if {@link Authenticator#scramSha256Supported()}, PLAIN, LOGIN, and OAUTHBEARER and
         * XOAUTH2 if a token validator is set.
         */
        public Builder mechanisms(String... names) {
            List<String> list = new ArrayList<>();
            for (String n : names) {
                String m = n.toUpperCase(Locale.ROOT);
                if (!ALL_MECHANISMS.contains(m)) throw new IllegalArgumentException("unknown mechanism " + n);
                if (!list.contains(m)) list.add(m);
            }
            this.mechanisms = list;
            return this;
        }

        /** An additional access policy; users must pass both it and the denied-names lists. */
        public Builder accessPolicy(AccessPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Local parts refused on a protocol ({@code imap}, {@code pop3}, {@code smtp}), matched
         * case-insensitively; an empty collection allows everyone. Default for imap and pop3:
         * {@link AccessPolicy#DEFAULT_DENIED_NAMES}; smtp: none.
         */
        public Builder deniedUsers(String protocol, Collection<String> names) {
            deniedNames.put(protocol.toLowerCase(Locale.ROOT), List.copyOf(names));
            return this;
        }

        /** Allow credentials in clear on any connection (default false). */
        public Builder allowPlaintext(boolean allow) {
            this.allowPlaintext = allow;
            return this;
        }

        /** Allow credentials in clear from loopback addresses (default true). */
        public Builder plaintextFromLoopback(boolean allow) {
            this.plaintextFromLoopback = allow;
            return this;
        }

        /** Delay before answering a failed login (default 1 s; zero disables). */
        public Builder failedLoginDelay(Duration delay) {
            if (delay.isNegative()) throw new IllegalArgumentException("negative delay");
            this.delay = delay;
            return this;
        }

        /** How to wait (default {@link Thread#sleep}); tests inject a recorder. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long failure counts are kept after the last failure (default 1 h). */
        public Builder failureWindow(Duration window) {
            if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive");
            this.failureWindow = window;
            return this;
        }

        /** Bound of tracked addresses and of tracked users (default 100 000 each). */
        public Builder maxTrackedEntries(int max) {
            if (max < 1) throw new IllegalArgumentException("max < 1");
            this.maxTrackedEntries = max;
            return this;
        }

        /** After {@code threshold} consecutive failures from an address, refuse it for {@code duration}. */
        public Builder lockout(int threshold, Duration duration) {
            if (threshold < 1 || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("threshold >= 1 and a positive duration required");
            }
            this.lockoutThreshold = threshold;
            this.lockoutDuration = duration;
            return this;
        }

        /** Offer POP3 APOP (needs {@link Authenticator#apopSecret}, e.g. a registry keeping clear secrets). */
        public Builder apop(boolean enable) {
            this.apop = enable;
            return this;
        }

        /** Scope named in the OAUTHBEARER/XOAUTH2 error challenge. */
        public Builder oauthScope(String scope) {
            this.oauthScope = Objects.requireNonNull(scope, "scope");
            return this;
        }

        /** OpenID discovery URL named in the OAUTHBEARER error challenge (RFC 7628 §3.2.2). */
        public Builder oauthConfigurationUrl(String url) {
            this.oauthConfiguration = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Iteration count announced to SCRAM clients for unknown users, so they look like real ones;
         * set it to the count your real users have (default: the {@link UserRegistry#iterations()} of a
         * registry authenticator, else {@link UserRegistry#DEFAULT_ITERATIONS}).
         */
        public Builder scramFakeIterations(int iterations) {
            if (iterations < 1) throw new IllegalArgumentException("iterations < 1");
            this.scramFakeIterations = iterations;
            return this;
        }

        public DefaultAuthService build() {
            return new DefaultAuthService(this);
        }
    }
}
