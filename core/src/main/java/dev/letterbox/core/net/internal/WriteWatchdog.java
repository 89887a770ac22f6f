package dev.letterbox.core.net.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Blocking socket writes have no deadline in Java: connections register while they write, and one
 * shared timer thread closes those whose write has not returned by its deadline. Closing the socket
 * makes the stalled write fail, which frees the writing thread.
 */
public final class WriteWatchdog implements AutoCloseable {
    private final ConcurrentHashMap<SocketConnection, Long> writing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public WriteWatchdog(Duration timeout) {
        long period = Math.max(5, Math.min(1000, timeout.toMillis() / 4));
        timer = Executors.newSingleThreadScheduledExecutor(Threads.daemonFactory("letterbox-write-watchdog-"));
        timer.scheduleWithFixedDelay(this::scan, period, period, TimeUnit.MILLISECONDS);
    }

    /** {@code c} starts a blocking write that must end by {@code deadlineNanos} ({@link System#nanoTime()} scale). */
    void begin(SocketConnection c, long deadlineNanos) {
        writing.put(c, deadlineNanos);
    }

    void end(SocketConnection c) {
        writing.remove(c);
    }

    private void scan() {
        long now = System.nanoTime();
        writing.forEach((c, deadline) -> {
            if (now - deadline > 0 && writing.remove(c, deadline)) {
                c.writeStalled();
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
