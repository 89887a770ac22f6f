package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/**
 * NOOP (RFC 9051 §6.1.2) and CHECK (RFC 3501 §6.4.1): nothing to do but report pending changes (and,
 * with store polling on, compare the view with the store first).
 */
public final class NoopCommand implements Command {
    private final boolean check;

    public NoopCommand(boolean check) {
        this.check = check;
    }

    @Override
    public Set<ImapSession.State> states() {
        return check ? SELECTED : ANY;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        if (!s.config().storePolling().isZero() && s.hasView()) s.view().requestResync();
        return Result.ok(check ? "Check completed" : "NOOP completed");
    }
}
