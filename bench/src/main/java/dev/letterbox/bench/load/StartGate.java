package dev.letterbox.bench.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets N client sessions set up (connect, log in) first and then start their timed work together:
 * the clock starts when the last session has arrived (or given up).
 */
final class StartGate {
    private final AtomicInteger remaining;
    private final CountDownLatch open = new CountDownLatch(1);
    private volatile long startNanos;

    StartGate(int sessions) {
        this.remaining = new AtomicInteger(sessions);
        if (sessions == 0) {
            startNanos = System.nanoTime();
            open.countDown();
        }
    }

    /** A session is set up; waits until all are, returns the common start time. */
    long arriveAndAwait() throws InterruptedException {
        leave();
        open.await();
        return startNanos;
    }

    /** A session failed during setup; it will not wait. Call at most once per session, instead of arriving. */
    void leave() {
        if (remaining.decrementAndGet() == 0) {
            startNanos = System.nanoTime();
            open.countDown();
        }
    }

    /** Seconds since the common start (or 0 if it never started). */
    double elapsedSeconds() {
        return open.getCount() == 0 ? (System.nanoTime() - startNanos) / 1e9 : 0;
    }
}
