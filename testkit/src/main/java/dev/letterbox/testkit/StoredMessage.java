package dev.letterbox.testkit;

import dev.letterbox.core.store.Flag;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A message in a user's folder.
 *
 * @param user         the owner
 * @param folder       the folder, hierarchy joined with {@code /}, e.g. {@code INBOX} or {@code Archive/2024}
 * @param uid          its UID in the folder
 * @param flags        its flags
 * @param internalDate when it arrived
 * @param raw          the RFC 5322 bytes, CRLF line endings
 */
public record StoredMessage(String user, String folder, long uid, Set<Flag> flags, Instant internalDate, byte[] raw) {
    public StoredMessage {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(folder, "folder");
        flags = Set.copyOf(flags);
        Objects.requireNonNull(internalDate, "internalDate");
        Objects.requireNonNull(raw, "raw");
    }

    /** The message parsed by Jakarta Mail. */
    public MimeMessage mimeMessage() {
        return Messages.parse(raw);
    }

    /** The raw message as text (UTF-8), handy in assertions. */
    public String text() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "StoredMessage[" + user + " " + folder + " uid " + uid + ", " + raw.length + " octets]";
    }
}
