package dev.letterbox.core.net.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Logs at most one line per second, so a flood (refusals, failing accepts) cannot flood the log. */
final class RateLimitedLog {
    private static final long PERIOD = TimeUnit.SECONDS.toNanos(1);
    private final AtomicLong next = new AtomicLong(System.nanoTime());
    private final AtomicLong suppressed = new AtomicLong();

    void log(System.Logger.Level level, Supplier<String> message) {
        long now = System.nanoTime();
        long n = next.get();
        if (now - n < 0 || !next.compareAndSet(n, now + PERIOD)) {
            suppressed.incrementAndGet();
            return;
        }
        long s = suppressed.getAndSet(0);
        ServerContext.LOG.log(level, () -> message.get() + (s > 0 ? " (" + s + " similar lines suppressed)" : ""));
    }
}
