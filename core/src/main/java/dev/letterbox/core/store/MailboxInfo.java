package dev.letterbox.core.store;

import java.util.Optional;

/**
 * One entry of {@link UserMailboxes#list()}.
 *
 * @param path       the mailbox's path
 * @param id         its stable id
 * @param specialUse its RFC 6154 special use, if any
 * @param selectable false for a placeholder that only holds children ({@code \Noselect})
 */
public record MailboxInfo(MailboxPath path, MailboxId id, Optional<SpecialUse> specialUse, boolean selectable) {
}
