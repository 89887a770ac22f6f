package dev.letterbox.core.auth;

import java.util.Objects;

/**
 * An authenticated identity: the user whose mailboxes a session opens.
 *
 * @param name the canonical user name (usually the address), as passed to {@code MailStore.open}
 */
public record Principal(String name) {
    public Principal {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) throw new IllegalArgumentException("empty principal name");
    }
}
