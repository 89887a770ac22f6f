package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.FailureCounters;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Counts consecutive failures per address and per user; entries expire {@code window} after their last
 * failure, and the maps are bounded (oldest-first pruning is approximate: expired entries go first,
 * then arbitrary ones), so an attacker spraying addresses or names cannot exhaust memory. IPv6 addresses
 * count per /64 network, the usual smallest allocation, so one client cannot evade the counts by
 * rotating addresses inside its prefix.
 */
public final class FailureTracker implements FailureCounters {
    private record Count(long failures, Instant last) {
    }

    private final Clock clock;
    private final Duration window;
    private final int maxEntries;
    private final int lockoutThreshold;
    private final Duration lockoutDuration;
    private final Map<InetAddress, Count> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Count> byUser = new ConcurrentHashMap<>();
    private final AtomicLong successes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param lockoutThreshold consecutive failures from one address that lock it out; 0 disables
     */
    public FailureTracker(Clock clock, Duration window, int maxEntries, int lockoutThreshold, Duration lockoutDuration) {
        this.clock = clock;
        this.window = window;
        this.maxEntries = maxEntries;
        this.lockoutThreshold = lockoutThreshold;
        this.lockoutDuration = lockoutDuration;
    }

    public void success(InetAddress address, String user) {
        successes.incrementAndGet();
        if (address != null) byAddress.remove(network(address));
        byUser.remove(key(user));
    }

    public void failure(InetAddress address, String user) {
        failures.incrementAndGet();
        Instant now = clock.instant();
        if (address != null) bump(byAddress, network(address), now);
        if (!user.isEmpty()) bump(byUser, key(user), now);
    }

    /** Whether logins from this address are refused without checking credentials. */
    public boolean lockedOut(InetAddress address) {
        if (lockoutThreshold <= 0 || address == null) return false;
        Count c = byAddress.get(network(address));
        return c != null && c.failures() >= lockoutThreshold
                && clock.instant().isBefore(c.last().plus(lockoutDuration));
    }

    private <K> void bump(Map<K, Count> map, K key, Instant now) {
        map.compute(key, (k, c) -> c == null || expired(c, now) ? new Count(1, now) : new Count(c.failures() + 1, now));
        if (map.size() > maxEntries) prune(map, now);
    }

    private <K> void prune(Map<K, Count> map, Instant now) {
        map.values().removeIf(c -> expired(c, now));
        Iterator<K> it = map.keySet().iterator();
        while (map.size() > maxEntries * 9L / 10 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private boolean expired(Count c, Instant now) {
        return !now.isBefore(c.last().plus(window));
    }

    private <K> long current(Map<K, Count> map, K key) {
        Count c = map.get(key);
        return c == null || expired(c, clock.instant()) ? 0 : c.failures();
    }

    /** The counting key of an address: itself for IPv4, its /64 network for IPv6. */
    public static InetAddress network(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address;
        byte[] b = address.getAddress();
        Arrays.fill(b, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    @Override
    public long totalSuccesses() {
        return successes.get();
    }

    @Override
    public long totalFailures() {
        return failures.get();
    }

    @Override
    public long failuresFromAddress(InetAddress address) {
        return current(byAddress, network(address));
    }

    @Override
    public long failuresForUser(String user) {
        return current(byUser, key(user));
    }

    @Override
    public Map<InetAddress, Long> failuresByAddress() {
        return snapshot(byAddress);
    }

    @Override
    public Map<String, Long> failuresByUser() {
        return snapshot(byUser);
    }

    private <K> Map<K, Long> snapshot(Map<K, Count> map) {
        Instant now = clock.instant();
        return map.entrySet().stream().filter(e -> !expired(e.getValue(), now))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().failures()));
    }
}
