package dev.letterbox.core.store;

/** How {@link Mailbox#updateFlags} combines the given flags with the current ones (RFC 3501 §6.4.6). */
public enum FlagOp {
    /** FLAGS: replace. */
    REPLACE,
    /** +FLAGS: add. */
    ADD,
    /** -FLAGS: remove. */
    REMOVE
}
