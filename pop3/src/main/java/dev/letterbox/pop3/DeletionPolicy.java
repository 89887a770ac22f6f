package dev.letterbox.pop3;

import dev.letterbox.core.store.MailboxPath;
import java.util.Objects;

/**
 * What happens, in the UPDATE state (RFC 1939 §6), to the messages a POP3 client marked with DELE.
 * Chosen per server and optionally per user, so hosts can offer "leave a copy on the server" without
 * relying on every client's own setting.
 *
 * <ul>
 *   <li>{@link Expunge} — the RFC 1939 behaviour (default): the messages are removed for good; IMAP
 *       sessions that have INBOX selected see them as EXPUNGE.</li>
 *   <li>{@link MoveTo} — the messages leave INBOX (so POP3 never offers them again) but are kept in
 *       another folder, e.g. {@code Archive}, where IMAP and webmail users still find them. The
 *       folder is created on first use.</li>
 *   <li>{@link KeepMarkSeen} — the messages stay in INBOX and are flagged {@code \Seen}. POP3 keeps
 *       listing them at the next login with the same UIDL, so clients that track UIDLs (all current
 *       ones: Thunderbird, Outlook, fetchmail, getmail, K-9) do not download them again; a client
 *       that does not track UIDLs downloads them again.</li>
 * </ul>
 */
public sealed interface DeletionPolicy {
    /** RFC 1939 behaviour: delete for good. */
    static DeletionPolicy expunge() {
        return Expunge.INSTANCE;
    }

    /** Move marked messages out of INBOX into {@code folder} (created if missing). */
    static DeletionPolicy moveTo(MailboxPath folder) {
        return new MoveTo(folder);
    }

    /** Keep marked messages in INBOX, flag them {@code \Seen}, UIDL unchanged. */
    static DeletionPolicy keepMarkSeen() {
        return KeepMarkSeen.INSTANCE;
    }

    /** Deletes the messages (RFC 1939 §6). */
    enum Expunge implements DeletionPolicy {
        INSTANCE
    }

    /** Moves the messages into {@code folder}, which must not be INBOX. */
    record MoveTo(MailboxPath folder) implements DeletionPolicy {
        public MoveTo {
            Objects.requireNonNull(folder, "folder");
            if (folder.isInbox()) throw new IllegalArgumentException("MOVE_TO target must not be INBOX");
        }
    }

    /** Leaves the messages in INBOX, flagged {@code \Seen}. */
    enum KeepMarkSeen implements DeletionPolicy {
        INSTANCE
    }
}
