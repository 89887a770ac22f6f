package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.ResponseCodes;
import dev.letterbox.imap4.internal.Result;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AUTHENTICATE (RFC 9051 §6.2.2) with every SASL mechanism of the auth service, the initial
 * response of SASL-IR (RFC 4959; {@code =} is an empty one), {@code *} to cancel, base64 errors → BAD.
 */
public final class AuthenticateCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return NOT_AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of();
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        c.sp();
        String mech = c.atom().toUpperCase(Locale.ROOT);
        String initial = null;
        if (c.trySp()) {
            if (c.tryChar('=')) initial = "";
            else initial = c.atom();
        }
        Args.end(c);
        if (initial != null && !s.config().enabled("SASL-IR")) return Result.bad("SASL-IR is not enabled");
        var ctx = s.authContext();
        var sasl = s.auth().startSasl(mech, ctx);
        if (sasl.isEmpty()) {
            boolean plain = mech.equals("PLAIN") || mech.equals("LOGIN");
            if (plain && !s.auth().plaintextAllowed(ctx)) return ResponseCodes.privacyRequired();
            return Result.no("CANNOT", "Unsupported authentication mechanism");
        }
        byte[] first;
        if (initial == null) {
            first = new byte[0];
        } else {
            try {
                first = Base64.getDecoder().decode(initial);
            } catch (IllegalArgumentException e) {
                return Result.bad("Invalid base64 in initial response");
            }
        }
        return step(sasl.get(), first, r.tag(), s);
    }

    private Result step(SaslServer sasl, byte[] response, String tag, ImapSession s) {
        return outcome(sasl, sasl.evaluate(response), tag, s);
    }

    private Result outcome(SaslServer sasl, SaslStep st, String tag, ImapSession s) {
        if (st instanceof SaslStep.Challenge ch) {
            challenge(s, ch.data());
            s.continueWith(new Exchange(sasl, tag, s));
            return null;
        }
        if (st instanceof SaslStep.Success ok) {
            if (ok.additionalData().length == 0) return loggedIn(ok, s);
            // RFC 9051 §6.2.2: additional data goes in a final challenge answered by an empty line
            challenge(s, ok.additionalData());
            s.continueWith(new ImapSession.Continuation() {
                @Override
                public Result onLine(String line) {
                    if (line.equals("*")) return ResponseCodes.forAuthFailure(SaslStep.FailureKind.CANCELLED);
                    if (!line.isEmpty()) return Result.bad("Expected an empty response");
                    return loggedIn(ok, s);
                }

                @Override
                public String tag() {
                    return tag;
                }
            });
            return null;
        }
        SaslStep.Failure f = (SaslStep.Failure) st;
        s.conn().events().authenticationFailed("", sasl.mechanism());
        return ResponseCodes.forAuthFailure(f.kind());
    }

    private static Result loggedIn(SaslStep.Success ok, ImapSession s) {
        s.loggedIn(ok.principal(), "AUTHENTICATE");
        return Result.ok("CAPABILITY " + String.join(" ", s.capabilities()), "Authenticated");
    }

    private static void challenge(ImapSession s, byte[] data) {
        s.out().raw("+ ").raw(Base64.getEncoder().encodeToString(data)).crlf();
        s.flush();
    }

    /** One client response line of the exchange: base64, or {@code *} to cancel (RFC 9051 §6.2.2). */
    private final class Exchange implements ImapSession.Continuation {
        private final SaslServer sasl;
        private final String tag;
        private final ImapSession s;

        Exchange(SaslServer sasl, String tag, ImapSession s) {
            this.sasl = sasl;
            this.tag = tag;
            this.s = s;
        }

        @Override
        public Result onLine(String line) {
            if (line.equals("*")) return outcome(sasl, sasl.cancel(), tag, s);
            byte[] resp;
            try {
                resp = Base64.getDecoder().decode(line.trim());
            } catch (IllegalArgumentException e) {
                sasl.cancel();
                return Result.bad("Invalid base64 in authentication response");
            }
            return step(sasl, resp, tag, s);
        }

        @Override
        public String tag() {
            return tag;
        }

        @Override
        public void abort() {
            sasl.cancel();
        }
    }
}
