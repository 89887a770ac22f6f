package dev.letterbox.pop3.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The POP3 commands and the states each is valid in (RFC 1939 §§4-7, RFC 2449, RFC 2595, RFC 5034, RFC 6856). */
enum Command {
    USER(State.AUTHORIZATION),
    PASS(State.AUTHORIZATION),
    APOP(State.AUTHORIZATION),
    AUTH(State.AUTHORIZATION),
    STLS(State.AUTHORIZATION),
    UTF8(State.AUTHORIZATION),
    CAPA(State.AUTHORIZATION, State.TRANSACTION),
    QUIT(State.AUTHORIZATION, State.TRANSACTION),
    STAT(State.TRANSACTION),
    LIST(State.TRANSACTION),
    RETR(State.TRANSACTION),
    DELE(State.TRANSACTION),
    NOOP(State.TRANSACTION),
    RSET(State.TRANSACTION),
    TOP(State.TRANSACTION),
    UIDL(State.TRANSACTION);

    /** RFC 1939 §3 session states. */
    enum State {
        AUTHORIZATION,
        TRANSACTION,
        UPDATE
    }

    private final Set<State> states;

    Command(State first, State... rest) {
        this.states = EnumSet.of(first, rest);
    }

    boolean validIn(State state) {
        return states.contains(state);
    }

    /** The command for a keyword (case-insensitive, RFC 1939 §3), or null. */
    static Command lookup(String keyword) {
        if (keyword.length() < 3 || keyword.length() > 4) return null;
        try {
            return valueOf(keyword.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
