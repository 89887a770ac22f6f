package dev.letterbox.core.auth;

import java.net.InetAddress;
import java.util.Map;

/**
 * Login outcome counters of a {@link DefaultAuthService}, for metrics and lockout. Per-address and
 * per-user counts are consecutive failures since the last success, forgotten after the configured
 * window without failures. IPv6 addresses are counted per /64 network (the keys of
 * {@link #failuresByAddress()} are network addresses). Thread-safe; values are snapshots.
 */
public interface FailureCounters {
    long totalSuccesses();

    /** All failed logins (wrong credentials, refused by policy, locked out). */
    long totalFailures();

    long failuresFromAddress(InetAddress address);

    /** @param user the login name (case-insensitive) */
    long failuresForUser(String user);

    Map<InetAddress, Long> failuresByAddress();

    Map<String, Long> failuresByUser();
}
