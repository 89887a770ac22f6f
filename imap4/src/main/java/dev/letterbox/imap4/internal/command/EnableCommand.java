package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ENABLE (RFC 5161): IMAP4rev2 (RFC 9051) and UTF8=ACCEPT (RFC 6855). Unknown names are ignored. */
public final class EnableCommand implements Command {
    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of("ENABLE", "UTF8=ACCEPT");
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        List<String> names = new ArrayList<>();
        do {
            c.sp();
            names.add(c.atom().toUpperCase(Locale.ROOT));
        } while (c.ok() && c.peek() == ' ');
        Args.end(c);
        List<String> enabled = new ArrayList<>();
        for (String n : names) {
            if (n.equals("IMAP4REV2") && s.config().enabled("IMAP4rev2") && !s.rev2()) {
                s.enableRev2();
                enabled.add("IMAP4rev2");
            } else if (n.equals("UTF8=ACCEPT") && s.config().enabled("UTF8=ACCEPT") && !s.utf8()) {
                s.enableUtf8();
                enabled.add("UTF8=ACCEPT");
            }
        }
        s.out().untagged().raw("ENABLED");
        for (String e : enabled) s.out().sp().raw(e);
        s.out().crlf();
        return Result.ok("Enabled");
    }
}
