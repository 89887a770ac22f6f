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
            Socket s;
            try {
                s = server.accept();
                backoff = 0;
            } catch (IOException e) {
                if (server.isClosed() || Thread.currentThread().isInterrupted()) return;
                backoff = backoff == 0 ? MIN_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoff * 2);
                ctx.acceptFailed(server, endpoint, e, backoff);
                try {
                    Thread.sleep(backoff); // back-off, not synchronization
                } catch (InterruptedException ie) {
                    return;
                }
                continue;
            }
            ctx.accepted(s, endpoint);
        }
    }
}
