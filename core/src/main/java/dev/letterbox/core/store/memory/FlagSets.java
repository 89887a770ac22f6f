package dev.letterbox.core.store.memory;

import dev.letterbox.core.store.Flag;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns flag sets so that a million messages with the same flags share one immutable set.
 * {@link dev.letterbox.core.store.MessageMeta} keeps an immutable set as given ({@code Set.copyOf}
 * returns its argument), so the interned instance is what each meta holds.
 */
final class FlagSets {
    private static final int MAX_INTERNED = 4096;
    private final ConcurrentHashMap<Set<Flag>, Set<Flag>> interned = new ConcurrentHashMap<>();

    /** An immutable copy of {@code flags} without {@link Flag#RECENT}, shared where possible. */
    Set<Flag> canonical(Set<Flag> flags) {
        if (flags.isEmpty()) return Set.of();
        Set<Flag> clean;
        if (flags.contains(Flag.RECENT)) {
            var s = new HashSet<>(flags);
            s.remove(Flag.RECENT);
            if (s.isEmpty()) return Set.of();
            clean = Set.copyOf(s);
        } else {
            clean = Set.copyOf(flags);
        }
        Set<Flag> known = interned.get(clean);
        if (known != null) return known;
        if (interned.size() >= MAX_INTERNED) return clean;
        known = interned.putIfAbsent(clean, clean);
        return known != null ? known : clean;
    }
}
