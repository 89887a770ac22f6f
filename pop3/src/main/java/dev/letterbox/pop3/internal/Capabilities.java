package dev.letterbox.pop3.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.net.Connection;
import dev.letterbox.pop3.internal.Command.State;
import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 2449 CAPA list: exactly what is on, for the session's current state. STLS, USER and SASL are
 * listed only in AUTHORIZATION where they can be used (STLS only until TLS is active, USER and the
 * clear-text SASL mechanisms only where plaintext is allowed); EXPIRE and LOGIN-DELAY carry
 * {@code USER} before login when they vary per user and the user's own value after it (RFC 2449
 * §6.5, §6.7).
 */
final class Capabilities {
    private Capabilities() {
    }

    static List<String> list(Pop3Config config, State state, String user, Connection conn, AuthContext ctx) {
        boolean authorization = state == State.AUTHORIZATION;
        List<String> caps = new ArrayList<>();
        caps.add("TOP");
        caps.add("UIDL");
        if (authorization) {
            if (config.userPass() && config.auth().plaintextAllowed(ctx)) caps.add("USER");
            List<String> mechs = config.auth().mechanisms(ctx);
            if (!mechs.isEmpty()) caps.add("SASL " + String.join(" ", mechs));
        }
        caps.add("RESP-CODES");
        caps.add("AUTH-RESP-CODE");
        if (config.pipelining()) caps.add("PIPELINING");
        config.expire().ifPresent(serverValue -> {
            if (config.expireForUser().isEmpty()) caps.add("EXPIRE " + serverValue);
            else if (authorization) caps.add("EXPIRE " + serverValue + " USER");
            else caps.add("EXPIRE " + config.expireFor(user));
        });
        config.loginDelay().ifPresent(serverValue -> {
            if (config.loginDelayForUser().isEmpty()) caps.add("LOGIN-DELAY " + serverValue.toSeconds());
            else if (authorization) caps.add("LOGIN-DELAY " + serverValue.toSeconds() + " USER");
            else caps.add("LOGIN-DELAY " + config.loginDelayFor(user).toSeconds());
        });
        if (config.utf8()) caps.add(config.userPass() ? "UTF8 USER" : "UTF8");
        if (authorization && conn.startTlsAvailable()) caps.add("STLS");
        config.implementation().ifPresent(text -> caps.add("IMPLEMENTATION " + text));
        return caps;
    }
}
