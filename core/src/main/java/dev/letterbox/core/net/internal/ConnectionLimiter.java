package dev.letterbox.core.net.internal;

import dev.letterbox.core.net.ConnectionListener.Rejection;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open connections, in total and per client address. Thread-safe, lock-free. */
public final class ConnectionLimiter {
    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for a new connection from {@code address}, or says which limit refuses it. */
    public Optional<Rejection> tryAcquire(InetAddress address) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return Optional.of(Rejection.TOO_MANY_CONNECTIONS);
        }
        boolean[] granted = {false};
        perAddress.compute(address, (k, v) -> {
            int n = v == null ? 0 : v;
            if (n >= maxPerAddress) return v;
            granted[0] = true;
            return n + 1;
        });
        if (!granted[0]) {
            total.decrementAndGet();
            return Optional.of(Rejection.TOO_MANY_FROM_ADDRESS);
        }
        return Optional.empty();
    }

    /** Gives back a slot taken by {@link #tryAcquire}. */
    public void release(InetAddress address) {
        perAddress.computeIfPresent(address, (k, v) -> v <= 1 ? null : v - 1);
        total.decrementAndGet();
    }

    public int total() {
        return total.get();
    }
}
