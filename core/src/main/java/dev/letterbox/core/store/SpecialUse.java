package dev.letterbox.core.store;

import java.util.Locale;
import java.util.Optional;

/** RFC 6154 special-use attributes. */
public enum SpecialUse {
    ALL("\\All"),
    ARCHIVE("\\Archive"),
    DRAFTS("\\Drafts"),
    FLAGGED("\\Flagged"),
    JUNK("\\Junk"),
    SENT("\\Sent"),
    TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    /** The attribute as written in LIST responses, e.g. {@code \Sent}. */
    public String attribute() {
        return attribute;
    }

    public static Optional<SpecialUse> fromAttribute(String attr) {
        String a = attr.toLowerCase(Locale.ROOT);
        for (SpecialUse u : values()) {
            if (u.attribute.toLowerCase(Locale.ROOT).equals(a)) return Optional.of(u);
        }
        return Optional.empty();
    }
}
