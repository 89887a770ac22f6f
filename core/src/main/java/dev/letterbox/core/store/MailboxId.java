package dev.letterbox.core.store;

import java.util.Objects;

/** Opaque, store-assigned identity of a mailbox; stable across renames. */
public record MailboxId(String value) {
    public MailboxId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) throw new IllegalArgumentException("empty mailbox id");
    }

    @Override
    public String toString() {
        return value;
    }
}
