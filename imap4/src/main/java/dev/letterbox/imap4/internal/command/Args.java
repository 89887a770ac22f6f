package dev.letterbox.imap4.internal.command;

import dev.letterbox.imap4.internal.Command.Request;
import dev.letterbox.imap4.internal.ImapException;
import dev.letterbox.imap4.internal.codec.Cursor;

/**
 * Argument steps shared by the command handlers. The cursor's error is sticky, so a handler parses
 * straight through and one of these ends the command with a tagged {@code BAD} (as an
 * {@link ImapException}) if anything went wrong.
 */
final class Args {
    private Args() {
    }

    /** BAD with the cursor's first error, if it has one. */
    static void check(Cursor c) {
        if (!c.ok()) throw ImapException.bad(c.error());
    }

    /** Expects the end of the line, then {@link #check}s. */
    static void end(Cursor c) {
        c.end();
        check(c);
    }

    /** A command without arguments: BAD if the line has any. */
    static void none(Request r) {
        end(r.args());
    }

    /** {@code SP mailbox}: the next argument, a mailbox name (decoded; check later). */
    static String mailbox(Cursor c) {
        c.sp();
        return c.mailbox();
    }

    /** {@code SP mailbox} as the only argument (DELETE, SUBSCRIBE, UNSUBSCRIBE): BAD otherwise. */
    static String onlyMailbox(Request r) {
        String name = mailbox(r.args());
        end(r.args());
        return name;
    }
}
