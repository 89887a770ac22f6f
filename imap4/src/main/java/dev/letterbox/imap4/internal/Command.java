package dev.letterbox.imap4.internal;

import java.util.List;
import java.util.Set;

/**
 * One IMAP command handler, registered by verb. It parses its arguments from the request's cursor,
 * does its work through the session, writes untagged responses to {@link ImapSession#out()} and
 * returns the tagged completion — or null when it takes over the connection (IDLE, AUTHENTICATE
 * continuation, LOGOUT).
 */
public interface Command {
    /** The states the command is valid in. */
    Set<ImapSession.State> states();

    /** Capabilities this command contributes (advertised only when enabled). */
    default List<String> capabilities() {
        return List.of();
    }

    /** True if {@code UID <verb>} exists. */
    default boolean uidForm() {
        return false;
    }

    /**
     * May pending EXPUNGEs be sent before this command's tagged reply? Not after the non-UID forms of
     * FETCH, STORE and SEARCH (RFC 9051 §7.5.1).
     */
    default boolean allowsExpunge(Request request) {
        return true;
    }

    /** A missing mailbox is the command's target: TRYCREATE rather than NONEXISTENT. */
    default boolean targetsMailbox() {
        return false;
    }

    Result run(Request request, ImapSession session);

    /** A parsed command line: tag, verb (upper case), whether it had the UID prefix, and the argument cursor. */
    record Request(String tag, String verb, boolean uid, dev.letterbox.imap4.internal.codec.Cursor args) {
    }

    Set<ImapSession.State> ANY = Set.of(ImapSession.State.NOT_AUTHENTICATED, ImapSession.State.AUTHENTICATED,
            ImapSession.State.SELECTED);
    Set<ImapSession.State> NOT_AUTH = Set.of(ImapSession.State.NOT_AUTHENTICATED);
    Set<ImapSession.State> AUTH = Set.of(ImapSession.State.AUTHENTICATED, ImapSession.State.SELECTED);
    Set<ImapSession.State> SELECTED = Set.of(ImapSession.State.SELECTED);
}
