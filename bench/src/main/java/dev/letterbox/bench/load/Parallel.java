package dev.letterbox.bench.load;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs client tasks concurrently: virtual threads when the JVM has them (looked up reflectively), else platform threads. */
public final class Parallel {
    /** A task that may throw. */
    @FunctionalInterface
    public interface Task {
        void run(int index) throws Exception;
    }

    private Parallel() {
    }

    /** Runs {@code n} tasks on platform threads and waits; returns the failures (one message per failed task). */
    public static List<String> run(int n, long timeoutMs, Task task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n, platformThreads("bench-client", 0));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int idx = i;
                futures.add(pool.submit(() -> {
                    task.run(idx);
                    return null;
                }));
            }
            List<String> failures = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (Future<?> f : futures) {
                try {
                    f.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    failures.add(c.getClass().getSimpleName() + ": " + c.getMessage());
                } catch (java.util.concurrent.TimeoutException e) {
                    f.cancel(true);
                    failures.add("timed out");
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    public static ThreadFactory platformThreads(String name, long stackSize) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, name + "-" + n.incrementAndGet(), stackSize);
            t.setDaemon(true);
            return t;
        };
    }

    /** Virtual-thread-per-task executor when available (JDK 21+), otherwise small-stack platform threads. */
    public static ExecutorService manyThreads(boolean preferVirtual) {
        if (preferVirtual) {
            try {
                Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
                return (ExecutorService) m.invoke(null);
            } catch (ReflectiveOperationException e) {
                // JDK 17: fall through
            }
        }
        return Executors.newCachedThreadPool(platformThreads("bench-conn", 256 * 1024));
    }

    public static boolean virtualThreadsAvailable() {
        try {
            Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
