package dev.letterbox.core.store;

import java.util.List;
import java.util.Objects;

/**
 * A mailbox name as a list of hierarchy segments, independent of any protocol's delimiter or
 * encoding. {@code INBOX} is case-insensitive (RFC 3501 §5.1) and always normalised to upper case.
 */
public record MailboxPath(List<String> segments) implements Comparable<MailboxPath> {
    public static final MailboxPath INBOX = new MailboxPath(List.of("INBOX"));

    public MailboxPath {
        Objects.requireNonNull(segments, "segments");
        if (segments.isEmpty()) throw new IllegalArgumentException("empty mailbox path");
        for (String s : segments) {
            if (s == null || s.isEmpty()) throw new IllegalArgumentException("empty mailbox name segment");
        }
        if (segments.get(0).equalsIgnoreCase("INBOX") && !segments.get(0).equals("INBOX")) {
            var copy = new java.util.ArrayList<>(segments);
            copy.set(0, "INBOX");
            segments = copy;
        }
        segments = List.copyOf(segments);
    }

    /** Splits {@code name} on {@code delimiter}; empty segments are rejected. */
    public static MailboxPath parse(String name, char delimiter) {
        Objects.requireNonNull(name, "name");
        List<String> parts = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == delimiter) {
                parts.add(name.substring(start, i));
                start = i + 1;
            }
        }
        return new MailboxPath(parts);
    }

    public static MailboxPath of(String... segments) {
        return new MailboxPath(List.of(segments));
    }

    public boolean isInbox() {
        return segments.size() == 1 && segments.get(0).equals("INBOX");
    }

    public String name() {
        return segments.get(segments.size() - 1);
    }

    public java.util.Optional<MailboxPath> parent() {
        return segments.size() == 1 ? java.util.Optional.empty()
                : java.util.Optional.of(new MailboxPath(segments.subList(0, segments.size() - 1)));
    }

    public MailboxPath child(String segment) {
        var copy = new java.util.ArrayList<>(segments);
        copy.add(segment);
        return new MailboxPath(copy);
    }

    /** True if this path is {@code other} or lies below it. */
    public boolean isSameOrDescendantOf(MailboxPath other) {
        return segments.size() >= other.segments.size()
                && segments.subList(0, other.segments.size()).equals(other.segments);
    }

    /** Replaces the prefix {@code from} of this path with {@code to}. */
    public MailboxPath reparent(MailboxPath from, MailboxPath to) {
        if (!isSameOrDescendantOf(from)) throw new IllegalArgumentException(this + " is not below " + from);
        var copy = new java.util.ArrayList<>(to.segments);
        copy.addAll(segments.subList(from.segments.size(), segments.size()));
        return new MailboxPath(copy);
    }

    public String join(char delimiter) {
        return String.join(String.valueOf(delimiter), segments);
    }

    @Override
    public int compareTo(MailboxPath o) {
        int n = Math.min(segments.size(), o.segments.size());
        for (int i = 0; i < n; i++) {
            int c = segments.get(i).compareTo(o.segments.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(segments.size(), o.segments.size());
    }

    @Override
    public String toString() {
        return join('/');
    }
}
