package dev.letterbox.testkit.internal;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Fault delays and throttling pauses, cut short when the server closes. A fault effect, not synchronization. */
public final class Pauser {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean released;

    /** Waits {@code d}, or less if {@link #releaseAll()} is called. Returns false if released. */
    public boolean pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        lock.lock();
        try {
            while (!released) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return true;
                wake.awaitNanos(left);
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    public void releaseAll() {
        lock.lock();
        try {
            released = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void arm() {
        released = false;
    }

    public boolean released() {
        return released;
    }
}
