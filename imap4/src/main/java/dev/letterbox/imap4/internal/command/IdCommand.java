package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ID (RFC 2971): the client's fields are read and ignored; the server answers with its own. */
public final class IdCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return ANY;
    }

    @Override
    public List<String> capabilities() {
        return List.of("ID");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        c.sp();
        if (!c.tryWord("NIL")) {
            c.expect('(');
            int n = 0;
            while (c.ok() && !c.tryChar(')')) {
                if (n > 0) c.sp();
                c.string();
                c.sp();
                c.nstring();
                if (++n > 30) c.fail("Too many ID fields");
            }
        }
        Args.end(c);
        var out = s.out().untagged().raw("ID ");
        Map<String, String> id = s.config().serverId();
        if (id.isEmpty()) {
            out.raw("NIL");
        } else {
            out.open();
            boolean first = true;
            for (var e : new java.util.TreeMap<>(id).entrySet()) {
                if (!first) out.sp();
                first = false;
                out.string(e.getKey()).sp().string(e.getValue());
            }
            out.close();
        }
        out.crlf();
        return Result.ok("ID completed");
    }
}
