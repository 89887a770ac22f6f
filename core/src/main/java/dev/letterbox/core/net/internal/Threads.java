package dev.letterbox.core.net.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Executors for connection tasks. Virtual threads are looked up reflectively so the jar runs on
 * Java 17 (where they do not exist) and uses them on Java 21+.
 */
public final class Threads {
    private static final Method OF_VIRTUAL;
    private static final Method BUILDER_NAME;
    private static final Method BUILDER_FACTORY;
    private static final Method PER_TASK;

    static {
        Method ofVirtual = null;
        Method name = null;
        Method factory = null;
        Method perTask = null;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            name = builder.getMethod("name", String.class, long.class);
            factory = builder.getMethod("factory");
            perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            ofVirtual = null;
        }
        OF_VIRTUAL = ofVirtual;
        BUILDER_NAME = name;
        BUILDER_FACTORY = factory;
        PER_TASK = perTask;
    }

    private Threads() {
    }

    /** Whether this JVM has virtual threads (Java 21+). */
    public static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null;
    }

    /**
     * One new virtual thread per task, named {@code prefix + n}.
     *
     * @throws IllegalStateException on a JVM without virtual threads
     */
    public static ExecutorService virtualPerTask(String prefix) {
        if (!virtualThreadsAvailable()) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is Java "
                    + Runtime.version().feature());
        }
        try {
            Object builder = OF_VIRTUAL.invoke(null);
            builder = BUILDER_NAME.invoke(builder, prefix, 0L);
            ThreadFactory tf = (ThreadFactory) BUILDER_FACTORY.invoke(builder);
            return (ExecutorService) PER_TASK.invoke(null, tf);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create virtual threads", e);
        }
    }

    /**
     * A pool of up to {@code maxThreads} daemon platform threads without a queue: a task beyond the
     * bound is rejected ({@link java.util.concurrent.RejectedExecutionException}); idle threads end after
     * 30 seconds.
     */
    public static ExecutorService platformPool(String prefix, int maxThreads) {
        return new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonFactory(prefix));
    }

    /** Daemon platform threads named {@code prefix + n}. */
    public static ThreadFactory daemonFactory(String prefix) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
