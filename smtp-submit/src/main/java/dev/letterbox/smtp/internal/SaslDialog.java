package dev.letterbox.smtp.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.smtp.SmtpException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The RFC 4954 AUTH dialogue of one connection: {@code 334} challenges in base64, {@code *} to
 * cancel, additional data on success sent as a final challenge (§4), and the failure replies.
 */
final class SaslDialog {
    /** What the dialogue needs from its session. */
    interface Host {
        void reply(int code, String enhanced, String... lines);

        /** A client error reply that counts towards the error limit. */
        void fail(int code, String enhanced, String text);

        void authenticated(Principal principal, String mechanism);

        void authenticationFailed(String mechanism);
    }

    private final AuthService auth;
    private final Host host;
    private SaslServer sasl;
    private String mechanism;
    private Principal pendingSuccess;

    SaslDialog(AuthService auth, Host host) {
        this.auth = auth;
        this.host = host;
    }

    /** True while the client owes a response line. */
    boolean active() {
        return sasl != null;
    }

    /** {@code AUTH mechanism [initial-response]}; availability errors are thrown. */
    void start(String mech, Optional<String> initialResponse, AuthContext ctx) {
        Optional<SaslServer> server = auth.startSasl(mech, ctx);
        if (server.isEmpty()) {
            AuthContext encrypted = new AuthContext(ctx.protocol(), ctx.remote(), true, ctx.sessionId());
            if (!ctx.tls() && auth.mechanisms(encrypted).contains(mech)) { // RFC 4954 §6
                throw new SmtpException(538, "5.7.11", "Encryption required for requested authentication mechanism");
            }
            throw new SmtpException(504, "5.5.4", "Unrecognized authentication type");
        }
        byte[] initial = new byte[0];
        if (initialResponse.isPresent() && !initialResponse.get().equals("=")) { // "=" is an empty initial response
            initial = base64(initialResponse.get());
            if (initial == null) throw new SmtpException(501, "5.5.2", "Invalid base64 data");
        }
        sasl = server.get();
        mechanism = mech;
        step(sasl.evaluate(initial));
    }

    /** A client response line while {@link #active()}. */
    void response(byte[] raw) {
        String line = new String(raw, StandardCharsets.US_ASCII).trim();
        if (line.equals("*")) { // RFC 4954 §4: the client cancels
            SaslStep step = sasl.cancel();
            end();
            failed(step instanceof SaslStep.Failure f ? f.kind() : SaslStep.FailureKind.CANCELLED);
        } else if (pendingSuccess != null) {
            Principal p = pendingSuccess;
            end();
            if (line.isEmpty()) host.authenticated(p, mechanism);
            else failed(SaslStep.FailureKind.MALFORMED);
        } else {
            byte[] data = base64(line);
            if (data == null) {
                sasl.cancel();
                end();
                host.fail(501, "5.5.2", "Invalid base64 data");
            } else {
                step(sasl.evaluate(data));
            }
        }
    }

    /** The exchange is abandoned (over-long line, connection gone). */
    void abort() {
        if (sasl != null) sasl.cancel();
        end();
    }

    private void step(SaslStep s) {
        if (s instanceof SaslStep.Challenge c) {
            host.reply(334, null, Base64.getEncoder().encodeToString(c.data()));
        } else if (s instanceof SaslStep.Success ok) {
            if (ok.additionalData().length > 0) {
                pendingSuccess = ok.principal();
                host.reply(334, null, Base64.getEncoder().encodeToString(ok.additionalData()));
            } else {
                end();
                host.authenticated(ok.principal(), mechanism);
            }
        } else if (s instanceof SaslStep.Failure f) {
            end();
            failed(f.kind());
        }
    }

    private void end() {
        sasl = null;
        pendingSuccess = null;
    }

    private void failed(SaslStep.FailureKind kind) {
        host.authenticationFailed(mechanism == null ? "" : mechanism);
        switch (kind) {
            case INVALID_CREDENTIALS, NOT_PERMITTED -> host.fail(535, "5.7.8", "Authentication credentials invalid");
            case MALFORMED -> host.fail(501, "5.5.2", "Malformed authentication data");
            case CANCELLED -> host.fail(501, "5.0.0", "Authentication cancelled");
            case TEMPORARY -> host.reply(454, "4.7.0", "Temporary authentication failure");
        }
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
