package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 9051 §6.3.7, §6.3.8). */
public final class SubscribeCommand implements Command {
    private final boolean subscribe;

    public SubscribeCommand(boolean subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var path = s.path(Args.onlyMailbox(r));
        if (subscribe) s.mailboxes().subscribe(path);
        else s.mailboxes().unsubscribe(path);
        return Result.ok(subscribe ? "Subscribe completed" : "Unsubscribe completed");
    }
}
