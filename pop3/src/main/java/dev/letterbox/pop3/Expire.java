package dev.letterbox.pop3;

/**
 * The RFC 2449 §6.7 EXPIRE value: how many days the server keeps messages a client has retrieved
 * but not deleted, or {@link #never()}. {@code days(0)} means clients must not leave mail on the
 * server.
 *
 * @param days the minimum retention in days, or -1 for NEVER
 */
public record Expire(int days) {
    public Expire {
        if (days < -1) throw new IllegalArgumentException("days must be >= 0 (or -1 for NEVER)");
    }

    public static Expire days(int days) {
        if (days < 0) throw new IllegalArgumentException("days must be >= 0");
        return new Expire(days);
    }

    /** The server never deletes messages on its own. */
    public static Expire never() {
        return new Expire(-1);
    }

    public boolean isNever() {
        return days < 0;
    }

    /** As written in CAPA: a number of days or {@code NEVER}. */
    @Override
    public String toString() {
        return isNever() ? "NEVER" : Integer.toString(days);
    }
}
