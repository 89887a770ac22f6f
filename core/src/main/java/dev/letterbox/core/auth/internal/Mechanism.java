package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Base of the server mechanisms: one exchange, finished by the first {@link SaslStep.Success} or
 * {@link SaslStep.Failure} (later calls fail as MALFORMED), with cancel support and the user name the
 * client claimed (for failure counters). Backend exceptions become {@code TEMPORARY} failures; their
 * text goes to the log only.
 */
public abstract class Mechanism implements SaslServer {
    private static final System.Logger LOG = System.getLogger(Mechanism.class.getName());
    private static final byte[] EMPTY = new byte[0];

    private boolean done;
    private int round;
    private String attemptedUser = "";

    @Override
    public final SaslStep evaluate(byte[] response) {
        if (done) return failure(FailureKind.MALFORMED, "exchange already finished");
        SaslStep step;
        try {
            step = step(round++, response);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, mechanism() + ": authentication backend failed", e);
            step = new SaslStep.Failure(FailureKind.TEMPORARY, "backend error: " + e.getClass().getSimpleName());
        }
        if (!(step instanceof SaslStep.Challenge)) done = true;
        return step;
    }

    @Override
    public final SaslStep cancel() {
        done = true;
        return new SaslStep.Failure(FailureKind.CANCELLED, "cancelled by client");
    }

    /** Whether the exchange has finished (success, failure or cancel). */
    public final boolean isDone() {
        return done;
    }

    /** The user name the client claimed, empty until known. */
    public final String attemptedUser() {
        return attemptedUser;
    }

    /**
     * Whether the server already decided that the credentials are bad and only waits for the client's
     * acknowledgement (OAUTHBEARER, XOAUTH2): a cancel then still counts as a failed login.
     */
    public boolean failurePending() {
        return false;
    }

    protected final void attemptedUser(String user) {
        this.attemptedUser = user;
    }

    /**
     * One step.
     *
     * @param round    0 for the first response (the initial response, or empty without one)
     * @param response the raw (base64-decoded) client response
     */
    protected abstract SaslStep step(int round, byte[] response);

    protected static SaslStep.Failure failure(FailureKind kind, String reason) {
        return new SaslStep.Failure(kind, reason);
    }

    protected static SaslStep.Failure malformed(String reason) {
        return new SaslStep.Failure(FailureKind.MALFORMED, reason);
    }

    protected static SaslStep.Challenge challenge(String text) {
        return new SaslStep.Challenge(text.getBytes(StandardCharsets.UTF_8));
    }

    protected static SaslStep.Challenge emptyChallenge() {
        return new SaslStep.Challenge(EMPTY);
    }

    /** Strict UTF-8 decoding: empty on malformed or overlong sequences. */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Checks a password through the authenticator and wipes it. */
    protected final SaslStep checkPassword(Authenticator authenticator, String user, String password,
                                           Optional<String> authzid, AuthContext ctx) {
        attemptedUser(user);
        char[] pw = password.toCharArray();
        try {
            return authenticator.authenticate(user, pw, authzid, ctx)
                    .<SaslStep>map(principal -> new SaslStep.Success(principal, EMPTY))
                    .orElseGet(() -> failure(FailureKind.INVALID_CREDENTIALS, mechanism() + ": bad credentials"));
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    protected static boolean containsNul(String s) {
        return s.indexOf('\0') >= 0;
    }
}
