package dev.letterbox.pop3.internal;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.pop3.DeletionPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;

/** The TRANSACTION-state commands of RFC 1939 §5 and §7 over the session's maildrop snapshot, and UPDATE (§6). */
final class Transaction {
    private static final System.Logger LOG = System.getLogger(Transaction.class.getName());
    private static final int CHUNK = 32 * 1024;

    private final Pop3Session session;
    private final Maildrop drop;
    private final String sessionId;
    private byte[] chunk;

    Transaction(Pop3Session session, Maildrop drop, String sessionId) {
        this.session = session;
        this.drop = drop;
        this.sessionId = sessionId;
    }

    /** Handles a TRANSACTION command; false if {@code cmd} is not one of them. */
    boolean handle(Command cmd, String args) {
        switch (cmd) {
            case STAT -> stat(args);
            case LIST -> list(args);
            case RETR -> retr(args);
            case DELE -> dele(args);
            case NOOP -> noop(args);
            case RSET -> rset(args);
            case TOP -> top(args);
            case UIDL -> uidl(args);
            default -> {
                return false;
            }
        }
        return true;
    }

    private Output out() {
        return session.out();
    }

    private void stat(String args) {
        if (!noArgs(Command.STAT, args)) return;
        out().status("+OK " + drop.liveCount() + " " + drop.liveSize());
    }

    private void list(String args) {
        if (args.isEmpty()) {
            out().status("+OK " + drop.liveCount() + " messages (" + drop.liveSize() + " octets)");
            Output o = out();
            StringBuilder sb = new StringBuilder(24);
            for (int i = 1; i <= drop.size(); i++) {
                if (drop.isDeleted(i)) continue;
                sb.setLength(0);
                o.text(sb.append(i).append(' ').append(drop.octets(i)).toString());
            }
            o.text(".");
            return;
        }
        int msn = message(args);
        if (msn > 0) out().status("+OK " + msn + " " + drop.octets(msn));
    }

    private void uidl(String args) {
        if (args.isEmpty()) {
            out().status("+OK Unique-ID listing follows");
            Output o = out();
            for (int i = 1; i <= drop.size(); i++) {
                if (drop.isDeleted(i)) continue;
                o.text(i + " " + Uidl.of(drop.uidValidity(), drop.uid(i)));
            }
            o.text(".");
            return;
        }
        int msn = message(args);
        if (msn > 0) out().status("+OK " + msn + " " + Uidl.of(drop.uidValidity(), drop.uid(msn)));
    }

    private void retr(String args) {
        int msn = message(args);
        if (msn > 0) send(msn, -1, "+OK " + drop.octets(msn) + " octets");
    }

    /** RFC 1939 §7 TOP msg n: the header, the blank line and n lines of the body. */
    private void top(String args) {
        String[] parts = args.split(" +");
        if (parts.length != 2 || !parts[1].matches("[0-9]{1,19}")) {
            session.protocolError("TOP requires a message number and a non-negative line count");
            return;
        }
        long lines;
        try {
            lines = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            lines = Long.MAX_VALUE;
        }
        int msn = message(parts[0]);
        if (msn > 0) send(msn, lines, "+OK Top of message follows");
    }

    private void send(int msn, long bodyLines, String statusLine) {
        MessageContent content = drop.inbox().orElseThrow().content(drop.uid(msn)); // NoSuchMessage if expunged
        Optional<byte[]> inMemory = content.bytesIfInMemory();
        InputStream stream = null;
        if (inMemory.isEmpty()) {
            try {
                stream = content.open();
            } catch (IOException e) {
                throw new StoreException.TemporaryFailure("opening message " + drop.uid(msn), e);
            }
        }
        Output o = out();
        o.status(statusLine);
        DotStuffer stuffer = new DotStuffer(o, bodyLines);
        if (inMemory.isPresent()) {
            byte[] bytes = inMemory.get();
            stuffer.feed(bytes, 0, bytes.length);
        } else {
            try (InputStream in = stream) {
                if (chunk == null) chunk = new byte[CHUNK];
                int n;
                while (!stuffer.done() && (n = in.read(chunk)) > 0) stuffer.feed(chunk, 0, n);
            } catch (IOException e) {
                // the +OK and part of the body may be out: no way to resynchronise, so drop the connection
                LOG.log(System.Logger.Level.WARNING, () -> sessionId + " reading message failed: " + e);
                o.drain();
                session.conn().close();
                return;
            }
        }
        stuffer.finish();
    }

    private void dele(String args) {
        int msn = message(args);
        if (msn <= 0) return;
        drop.markDeleted(msn);
        out().status("+OK Message " + msn + " deleted");
    }

    private void noop(String args) {
        if (noArgs(Command.NOOP, args)) out().status("+OK");
    }

    private void rset(String args) {
        if (!noArgs(Command.RSET, args)) return;
        drop.unmarkAll();
        out().status("+OK Maildrop has " + drop.liveCount() + " messages (" + drop.liveSize() + " octets)");
    }

    /**
     * Resolves a message-number argument (RFC 1939 §5: it may not refer to a message marked as
     * deleted); answers the error itself and returns 0 when it is not usable.
     */
    private int message(String arg) {
        if (arg.isEmpty() || arg.length() > 10 || !arg.chars().allMatch(c -> c >= '0' && c <= '9')) {
            session.protocolError(arg.isEmpty() ? "Message number required" : "Invalid message number");
            return 0;
        }
        long n = Long.parseLong(arg);
        if (!drop.exists(n)) {
            out().status("-ERR No such message, only " + drop.size() + " messages in maildrop");
            return 0;
        }
        if (drop.isDeleted((int) n)) {
            out().status("-ERR Message " + n + " already deleted");
            return 0;
        }
        return (int) n;
    }

    private boolean noArgs(Command cmd, String args) {
        if (args.isEmpty()) return true;
        session.protocolError(cmd + " takes no arguments");
        return false;
    }

    // ---- UPDATE ----

    /**
     * RFC 1939 §6: applies the DELE marks through the tracked mailbox (so IMAP sessions see the
     * change) according to the deletion policy, and returns the QUIT reply.
     */
    String update(DeletionPolicy policy) {
        UidSet marked = drop.markedUids();
        if (marked.isEmpty() || drop.inbox().isEmpty()) return "+OK Bye";
        Mailbox inbox = drop.inbox().get();
        try {
            if (inbox.status().uidValidity() != drop.uidValidity()) {
                // UIDs were reassigned since login: the marked UIDs may now name other messages
                LOG.log(System.Logger.Level.WARNING, () -> sessionId + " INBOX uidValidity changed; nothing deleted");
                return "-ERR [SYS/TEMP] Maildrop changed by another session, no messages deleted";
            }
            if (policy instanceof DeletionPolicy.MoveTo m) {
                moveOut(inbox, marked, m.folder());
            } else if (policy == DeletionPolicy.keepMarkSeen()) {
                inbox.updateFlags(marked, FlagOp.ADD, Set.of(Flag.SEEN));
            } else {
                inbox.delete(marked);
            }
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, () -> sessionId + " UPDATE failed: " + e);
            return "-ERR " + StoreErrors.code(e) + "Some deleted messages not removed";
        }
        return "+OK Bye, " + marked.size() + " messages " + (policy instanceof DeletionPolicy.MoveTo ? "moved"
                : policy == DeletionPolicy.keepMarkSeen() ? "kept and marked seen" : "deleted");
    }

    private void moveOut(Mailbox inbox, UidSet uids, MailboxPath folder) {
        UserMailboxes boxes = session.mailboxes();
        Mailbox target;
        try {
            target = boxes.open(folder);
        } catch (StoreException.NoSuchMailbox e) {
            try {
                boxes.create(folder, Optional.empty());
            } catch (StoreException.MailboxExists raced) {
                // created concurrently: fine
            }
            target = boxes.open(folder);
        }
        if (inbox.moveTo(uids, target).isEmpty()) {
            inbox.copyTo(uids, target);
            inbox.delete(uids);
        }
    }
}
