package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Set;

/** NAMESPACE (RFC 2342): one personal namespace {@code ""} with delimiter {@code /}. */
public final class NamespaceCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of("NAMESPACE");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        Args.none(r);
        s.out().untagged().raw("NAMESPACE ((\"\" \"").ch(s.delimiter()).raw("\")) NIL NIL").crlf();
        return Result.ok("Namespace completed");
    }
}
