package dev.letterbox.pop3.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * State shared by the sessions of one POP3 endpoint: the exclusive maildrop locks (RFC 1939 §4: "the
 * POP3 server then acquires an exclusive-access lock on the maildrop") and the time of each user's
 * last login for LOGIN-DELAY (RFC 2449 §6.5). Thread-safe, never blocks.
 */
public final class MaildropRegistry {
    private final ConcurrentMap<String, String> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Instant> lastLogin = new ConcurrentHashMap<>();
    private final Clock clock;
    private final CrlfSize crlfSizes = new CrlfSize();

    public MaildropRegistry(Clock clock) {
        this.clock = clock;
    }

    CrlfSize crlfSizes() {
        return crlfSizes;
    }

    /** Takes the lock of {@code user}'s maildrop for {@code sessionId}; false if another session holds it. */
    boolean tryLock(String user, String sessionId) {
        String holder = locks.putIfAbsent(user, sessionId);
        return holder == null || holder.equals(sessionId);
    }

    /** Releases the lock if {@code sessionId} holds it. Idempotent. */
    void unlock(String user, String sessionId) {
        locks.remove(user, sessionId);
    }

    boolean isLocked(String user) {
        return locks.containsKey(user);
    }

    /**
     * Records a login of {@code user} now unless the previous one was less than {@code delay} ago.
     *
     * @return true if the login may proceed
     */
    boolean admitLogin(String user, Duration delay) {
        Instant now = clock.instant();
        if (delay.isZero()) {
            lastLogin.put(user, now);
            return true;
        }
        boolean[] admitted = {false};
        lastLogin.compute(user, (u, prev) -> {
            if (prev == null || !now.isBefore(prev.plus(delay))) {
                admitted[0] = true;
                return now;
            }
            return prev;
        });
        return admitted[0];
    }
}
