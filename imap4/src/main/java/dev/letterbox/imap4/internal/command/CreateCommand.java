package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** CREATE (RFC 9051 §6.3.4) with CREATE-SPECIAL-USE {@code (USE (\Sent))} (RFC 6154 §3). */
public final class CreateCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of("CREATE-SPECIAL-USE");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        String name = Args.mailbox(c);
        Optional<SpecialUse> use = Optional.empty();
        if (c.trySp()) {
            c.expect('(');
            if (!c.tryWord("USE")) c.fail("Unknown CREATE parameter");
            c.sp();
            c.expect('(');
            String attr = c.flag();
            c.expect(')');
            c.expect(')');
            if (c.ok()) {
                use = SpecialUse.fromAttribute(attr);
                if (use.isEmpty()) return Result.no("USEATTR", "Unsupported special-use attribute " + attr);
            }
        }
        Args.end(c);
        if (name.toUpperCase(Locale.ROOT).equals("INBOX")) return Result.no("ALREADYEXISTS", "INBOX always exists");
        s.mailboxes().create(s.path(name), use);
        return Result.ok("Create completed");
    }
}
