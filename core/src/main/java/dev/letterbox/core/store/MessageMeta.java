package dev.letterbox.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the library needs to know about a message without reading it.
 *
 * @param uid          unsigned 32-bit UID held in a long (1..2^32-1)
 * @param flags        current flags (never contains {@link Flag#RECENT})
 * @param internalDate the IMAP INTERNALDATE
 * @param size         size in octets of the CRLF form served by {@link MessageContent#open()}
 * @param modSeq       modification sequence of the last change to this message (RFC 7162 sense)
 */
public record MessageMeta(long uid, Set<Flag> flags, Instant internalDate, long size, long modSeq) {
    public MessageMeta {
        UidSet.checkUid(uid);
        flags = Set.copyOf(flags);
        Objects.requireNonNull(internalDate, "internalDate");
        if (size < 0) throw new IllegalArgumentException("negative size");
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }
}
