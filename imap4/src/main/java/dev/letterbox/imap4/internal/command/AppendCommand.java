package dev.letterbox.imap4.internal.command;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.Command;
import dev.letterbox.imap4.internal.ImapSession;
import dev.letterbox.imap4.internal.Result;
import dev.letterbox.imap4.internal.codec.CrlfNormalizer;
import dev.letterbox.imap4.internal.codec.Literal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * APPEND (RFC 9051 §6.3.12) with flags and internal date, MULTIAPPEND (RFC 3502, all or nothing),
 * literal8 (RFC 3516), APPENDUID (RFC 4315), TRYCREATE for a missing target and APPENDLIMIT (RFC
 * 7889, enforced before the literal is accepted) and the {@code UTF8 (~{n})} form of RFC 6855 §4. Bare
 * LFs are stored as CRLF.
 */
public final class AppendCommand implements Command {
    private record Message(Set<Flag> flags, Instant date, Literal literal) { }

    @Override
    public Set<ImapSession.State> states() {
        return AUTH;
    }

    @Override
    public List<String> capabilities() {
        return List.of("MULTIAPPEND");
    }

    @Override
    public boolean targetsMailbox() {
        return true;
    }

    @Override
    public Result run(Request r, ImapSession s) {
        var c = r.args();
        String name = Args.mailbox(c);
        List<Message> messages = new ArrayList<>();
        while (c.ok() && c.trySp()) {
            Set<Flag> flags = new HashSet<>();
            if (c.peek() == '(') {
                for (String f : c.flagList()) {
                    if (!c.ok()) break;
                    if (f.equalsIgnoreCase("\\Recent")) continue;
                    try {
                        flags.add(Flag.of(f));
                    } catch (IllegalArgumentException e) {
                        c.fail("Invalid flag " + f);
                    }
                }
                c.sp();
            }
            Instant date = Instant.now();
            if (c.peek() == '"') {
                date = c.dateTime().toInstant();
                c.sp();
            }
            Literal lit;
            if (c.tryWord("UTF8")) {
                // RFC 6855 §4: APPEND ... UTF8 (~{n}) carries a message with UTF-8 headers
                if (!s.utf8()) c.fail("UTF8 data requires ENABLE UTF8=ACCEPT");
                c.sp();
                c.expect('(');
                lit = c.literal(true);
                c.expect(')');
            } else {
                lit = c.literal(s.config().enabled("BINARY"));
            }
            if (c.ok()) messages.add(new Message(flags, date, lit));
            if (!s.config().enabled("MULTIAPPEND")) break;
        }
        Args.end(c);
        if (messages.isEmpty()) return Result.bad("Missing message literal");
        Mailbox target = s.mailboxes().open(s.path(name));
        List<Long> uids = new ArrayList<>();
        try {
            for (Message m : messages) {
                if (m.literal().size() > s.config().appendLimit()) {
                    throw new AppendTooBig();
                }
                try (MessageSource src = CrlfNormalizer.normalize(m.literal())) {
                    MessageMeta meta = target.append(src, m.flags(), m.date());
                    uids.add(meta.uid());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        } catch (AppendTooBig e) {
            undo(target, uids);
            return Result.no("TOOBIG", "Message exceeds APPENDLIMIT");
        } catch (StoreException | UncheckedIOException e) {
            undo(target, uids);
            if (e instanceof StoreException se) throw se;
            throw e;
        }
        UidSet set = UidSet.of(uids.stream().mapToLong(Long::longValue).toArray());
        if (!s.config().enabled("UIDPLUS")) return Result.ok("Append completed");
        return Result.ok("APPENDUID " + target.status().uidValidity() + " " + set, "Append completed");
    }

    private static void undo(Mailbox target, List<Long> uids) {
        if (uids.isEmpty()) return;
        try {
            target.delete(UidSet.of(uids.stream().mapToLong(Long::longValue).toArray()));
        } catch (RuntimeException ignored) {
            // best effort: MULTIAPPEND is all or nothing (RFC 3502 §6.3.11)
        }
    }

    private static final class AppendTooBig extends RuntimeException {
        AppendTooBig() {
            super(null, null, false, false);
        }
    }
}
