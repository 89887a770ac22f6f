package dev.letterbox.bench.idle;

import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.net.ThreadMode;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.imap4.ImapProtocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The server side of the IDLE scale benchmark, in its own JVM: a {@link MailServer} with one plain IMAP
 * endpoint over an {@link InMemoryMailStore} of {@code u0 … u(N-1)} (password {@code pw} for all, checked
 * by a trivial authenticator so that logging in 20,000 users does not measure PBKDF2), and a tiny
 * line-based control channel on another loopback port:
 * <ul>
 *   <li>{@code D <user>} delivers a small message with {@link TrackedStore#deliver} (origin HOST) and
 *       answers the {@link System#nanoTime()} taken just before the delivery (CLOCK_MONOTONIC on Linux,
 *       so the client JVM on the same host can subtract it from its own receive time);</li>
 *   <li>{@code HEAP} runs a full GC and answers the used heap in bytes;</li>
 *   <li>{@code QUIT} ends the server.</li>
 * </ul>
 * Prints {@code READY <imapPort> <controlPort> <pid>} when both listen.
 *
 * <p>Usage: {@code IdleScaleServer <users> [virtual|platform]}; {@code -Dbench.heartbeatSeconds=n} sets the
 * IDLE heartbeat (default 120, the library's default; 0 disables it).
 */
public final class IdleScaleServer {
    private IdleScaleServer() {
    }

    public static void main(String[] args) throws Exception {
        int users = Integer.parseInt(args[0]);
        ThreadMode mode = args.length > 1 && args[1].equals("platform") ? ThreadMode.PLATFORM : ThreadMode.AUTO;
        InMemoryMailStore.Builder sb = InMemoryMailStore.builder().autoCreateUsers(false).noDefaultFolders();
        for (int i = 0; i < users; i++) sb.user("u" + i);
        InMemoryMailStore mem = sb.build();
        TrackedStore store = TrackedStore.of(mem);
        for (int i = 0; i < users; i++) {
            // INBOX exists for every user (the first delivery would create it, SELECT needs it now)
            store.deliver("u" + i, MessageSource.ofBytes(message(i)));
        }
        Authenticator auth = (user, pw, authzid, ctx) ->
                user.startsWith("u") && new String(pw).equals("pw") ? Optional.of(new Principal(user)) : Optional.empty();
        DefaultAuthService as = DefaultAuthService.builder().authenticator(auth).allowPlaintext(true)
                .failedLoginDelay(Duration.ZERO).build();
        InetAddress any = InetAddress.getLoopbackAddress();
        MailServer server = MailServer.builder()
                .threads(mode)
                .maxConnections(40_000)
                .maxConnectionsPerAddress(40_000)
                .backlog(4096)
                .plain("imap", new InetSocketAddress(any, 0), ImapProtocol.builder(store, as)
                        .idleHeartbeat(Duration.ofSeconds(Long.getLong("bench.heartbeatSeconds", 120))).build())
                .build().start();
        try (ServerSocket ctl = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
            System.out.println("READY " + server.port("imap") + " " + ctl.getLocalPort() + " " + ProcessHandle.current().pid()
                    + " " + Runtime.version() + " " + mode);
            System.out.flush();
            while (true) {
                Socket s = ctl.accept();
                if (!control(s, store)) break;
            }
        } finally {
            server.close();
        }
    }

    private static byte[] message(int n) {
        return ("From: bench@example.com\r\nTo: u@example.com\r\nSubject: idle bench " + n
                + "\r\nMessage-ID: <" + n + "." + System.nanoTime() + "@bench>\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Serves one control connection; false when told to quit. */
    private static boolean control(Socket s, TrackedStore store) throws IOException {
        s.setTcpNoDelay(true);
        try (s; BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream o = s.getOutputStream();
            int n = 0;
            String line;
            while ((line = r.readLine()) != null) {
                String answer;
                if (line.startsWith("D ")) {
                    byte[] msg = message(++n);
                    long t0 = System.nanoTime();
                    store.deliver(line.substring(2), MessageSource.ofBytes(msg));
                    answer = Long.toString(t0);
                } else if (line.equals("HEAP")) {
                    System.gc();
                    System.gc();
                    answer = Long.toString(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                } else if (line.equals("QUIT")) {
                    o.write("BYE\n".getBytes(StandardCharsets.US_ASCII));
                    return false;
                } else {
                    answer = "?";
                }
                o.write((answer + "\n").getBytes(StandardCharsets.US_ASCII));
                o.flush();
            }
        }
        return true;
    }
}
