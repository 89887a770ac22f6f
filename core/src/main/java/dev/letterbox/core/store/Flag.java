package dev.letterbox.core.store;

import java.util.Locale;
import java.util.Objects;

/**
 * A message flag: one of the RFC 3501 §2.3.2 system flags or a keyword. Keywords are atoms
 * (no atom-specials, no {@code \}), compared case-insensitively as IMAP requires, but keep the
 * spelling they were first given in.
 */
public final class Flag {
    public static final Flag SEEN = new Flag("\\Seen", true);
    public static final Flag ANSWERED = new Flag("\\Answered", true);
    public static final Flag FLAGGED = new Flag("\\Flagged", true);
    public static final Flag DELETED = new Flag("\\Deleted", true);
    public static final Flag DRAFT = new Flag("\\Draft", true);
    /** Session-only in IMAP; stores may ignore it. Kept here so the model can name it. */
    public static final Flag RECENT = new Flag("\\Recent", true);

    private static final Flag[] SYSTEM = {SEEN, ANSWERED, FLAGGED, DELETED, DRAFT, RECENT};

    private final String name;
    private final boolean system;
    private final String key;

    private Flag(String name, boolean system) {
        this.name = name;
        this.system = system;
        this.key = name.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a flag as written on the wire: {@code \Seen} (any case) or a keyword atom.
     *
     * @throws IllegalArgumentException for an unknown system flag or an invalid keyword
     */
    public static Flag of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith("\\")) {
            for (Flag f : SYSTEM) {
                if (f.name.equalsIgnoreCase(name)) return f;
            }
            throw new IllegalArgumentException("unknown system flag: " + name);
        }
        return keyword(name);
    }

    /** A keyword; must be a non-empty IMAP atom without {@code \}. */
    public static Flag keyword(String keyword) {
        if (!isValidKeyword(keyword)) throw new IllegalArgumentException("invalid keyword: " + keyword);
        return new Flag(keyword, false);
    }

    public static boolean isValidKeyword(String s) {
        if (s == null || s.isEmpty() || s.length() > 255) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) return false;
            switch (c) {
                case '(', ')', '{', '%', '*', '"', '\\', ']' -> {
                    return false;
                }
                default -> { }
            }
        }
        return true;
    }

    public String name() {
        return name;
    }

    public boolean isSystem() {
        return system;
    }

    public boolean isKeyword() {
        return !system;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Flag f && f.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
