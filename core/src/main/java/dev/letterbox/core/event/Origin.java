package dev.letterbox.core.event;

/**
 * Who made a change: a library session (by its connection id) or the host. Sessions use it to avoid
 * reporting their own changes twice.
 */
public record Origin(String sessionId) {
    /** Changes made by the host application (deliveries, its own edits). */
    public static final Origin HOST = new Origin("host");

    public boolean isSession(String id) {
        return sessionId.equals(id);
    }
}
