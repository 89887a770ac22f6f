package dev.letterbox.pop3.internal;

import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One RFC 5034 AUTH exchange: base64 challenges as {@code + <data>} lines, base64 client responses,
 * {@code *} to cancel. POP3 has no success-with-data, so additional data on success goes out as a
 * final challenge the client answers with an empty line (RFC 5034 §4).
 */
final class SaslExchange {
    private final Pop3Session session;
    private final SaslServer server;
    private Principal succeeded;
    private boolean done;

    SaslExchange(Pop3Session session, SaslServer server) {
        this.session = session;
        this.server = server;
    }

    boolean done() {
        return done;
    }

    /** Starts with the initial response (empty when the client sent none). */
    void start(byte[] initial) {
        step(server.evaluate(initial));
    }

    /** A client line while the exchange runs. */
    void response(byte[] raw) {
        String line = new String(raw, StandardCharsets.US_ASCII).strip();
        session.conn().events().clientLine(line.equals("*") ? "*" : "***");
        if (line.equals("*")) {
            server.cancel(); // lets the AuthService count a rejected token
            fail(SaslStep.FailureKind.CANCELLED);
            return;
        }
        if (succeeded != null) { // the answer to the additional-data challenge must be empty
            done = true;
            if (line.isEmpty()) session.openMaildrop(succeeded, server.mechanism());
            else fail(SaslStep.FailureKind.MALFORMED);
            return;
        }
        Optional<byte[]> response = decode(line);
        if (response.isEmpty()) {
            fail(SaslStep.FailureKind.MALFORMED);
            return;
        }
        step(server.evaluate(response.get()));
    }

    /** The response line exceeded the limit: abandon the exchange. */
    void tooLong() {
        server.cancel();
        done = true;
        session.out().status("-ERR Authentication response too long");
    }

    private void step(SaslStep step) {
        if (step instanceof SaslStep.Challenge c) {
            challenge(c.data());
        } else if (step instanceof SaslStep.Success s) {
            if (s.additionalData().length > 0) {
                succeeded = s.principal();
                challenge(s.additionalData());
            } else {
                done = true;
                session.openMaildrop(s.principal(), server.mechanism());
            }
        } else if (step instanceof SaslStep.Failure f) {
            fail(f.kind());
        }
    }

    private void fail(SaslStep.FailureKind kind) {
        done = true;
        session.authFailed("", server.mechanism(), kind);
    }

    private void challenge(byte[] data) {
        session.conn().events().serverLine("+ ***");
        session.out().text("+ " + Base64.getEncoder().encodeToString(data));
    }

    /** Strict base64 (RFC 4648 §4), empty when invalid. */
    static Optional<byte[]> decode(String s) {
        try {
            return Optional.of(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
