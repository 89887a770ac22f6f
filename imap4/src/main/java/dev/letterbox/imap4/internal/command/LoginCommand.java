package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.auth.LoginResult;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.ResponseCodes;
import dev.letterbox.imap4.internal.Result;
import java.util.Arrays;
import java.util.Set;

/**
 * LOGIN (RFC 9051 §6.2.3). Refused with {@code NO [PRIVACYREQUIRED]} when plaintext credentials are
 * not allowed on this connection (LOGINDISABLED is then advertised).
 */
public final class LoginCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return NOT_AUTH;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        c.sp();
        String user = c.astring();
        c.sp();
        String pass = c.astring();
        Args.end(c);
        var ctx = s.authContext();
        if (!s.auth().plaintextAllowed(ctx)) return ResponseCodes.privacyRequired();
        char[] pw = pass.toCharArray();
        LoginResult res;
        try {
            res = s.auth().login(user, pw, ctx);
        } finally {
            Arrays.fill(pw, '\0');
        }
        if (res instanceof LoginResult.Success ok) {
            s.loggedIn(ok.principal(), "LOGIN");
            return Result.ok("CAPABILITY " + String.join(" ", s.capabilities()), "Logged in");
        }
        if (res instanceof LoginResult.PlaintextDisallowed) return ResponseCodes.privacyRequired();
        LoginResult.Failure f = (LoginResult.Failure) res;
        s.conn().events().authenticationFailed(user, "LOGIN");
        return ResponseCodes.forAuthFailure(f.kind());
    }
}
