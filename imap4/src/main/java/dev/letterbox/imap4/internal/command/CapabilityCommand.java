package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.Set;

/** CAPABILITY (RFC 9051 §6.1.1). */
public final class CapabilityCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return ANY;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        s.out().untagged().raw("CAPABILITY ").raw(String.join(" ", s.capabilities())).crlf();
        return Result.ok("Capability completed");
    }
}
