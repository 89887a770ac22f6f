package dev.letterbox.core.net.internal;

import dev.letterbox.core.net.Endpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The accept loop of one endpoint, on its own platform thread. When {@code accept} fails (out of file
 * descriptors: "Too many open files") it backs off exponentially up to a second and keeps going, so
 * existing sessions keep being served and the loop never spins.
 */
public final class Acceptor implements Runnable {
    private static final long MIN_BACKOFF_MS = 10;
    private static final long MAX_BACKOFF_MS = 1000;

    private final ServerContext ctx;
    private final Endpoint endpoint;
    private final ServerSocket server;

    public Acceptor(ServerContext ctx, Endpoint endpoint, ServerSocket server) {
        this.ctx = ctx;
        this.endpoint = endpoint;
        this.server = server;
    }

    @Override
    public void run() {
        long backoff = 0;
        while (!server.isClosed()) {
            try {
                Socket s;
                try {
                    s = server.accept();
                    backoff = 0;
                } catch (IOException e) {
                    if (server.isClosed() || Thread.currentThread().isInterrupted()) return;
                    backoff = next(backoff);
                    ctx.acceptFailed(server, endpoint, e, backoff);
                    if (!pause(backoff)) return;
                    continue;
                }
                ctx.accepted(s, endpoint);
            } catch (RuntimeException | Error e) {
                // e.g. OutOfMemoryError or a class that cannot be loaded without a free descriptor:
                // the listener must survive it
                backoff = next(backoff);
                logSafely(e, backoff);
                if (!pause(backoff)) return;
            }
        }
    }

    /**
     * Logging itself can fail when no descriptor is free (a logger may need to open a file, e.g. the
     * time-zone data to format a timestamp); that must not end the accept loop either.
     */
    private void logSafely(Throwable e, long backoff) {
        try {
            ServerContext.LOG.log(System.Logger.Level.ERROR, endpoint.name() + ": accept loop error; retrying in "
                    + backoff + " ms", e);
        } catch (RuntimeException | Error ignored) {
            // nothing more can be done here; the loop goes on
        }
    }

    private static long next(long backoff) {
        return backoff == 0 ? MIN_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoff * 2);
    }

    /** Back-off, not synchronization; false when interrupted (shutdown). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
