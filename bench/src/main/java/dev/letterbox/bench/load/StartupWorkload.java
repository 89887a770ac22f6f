package dev.letterbox.bench.load;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code startup}: starts a server process (a command with {@code {port}} in it) and measures the
 * time to the first accepted connection (greeting received) and to the first successful login.
 * The process is ended by its handle (its PID) after each round.
 */
final class StartupWorkload {
    private final Args args;
    private final Report report;

    StartupWorkload(Args args, Report report) {
        this.args = args;
        this.report = report;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    void run() throws Exception {
        String cmd = args.required("cmd");
        String proto = args.str("proto", "imap");
        int rounds = args.integer("rounds", 3);
        long limitNs = TimeUnit.SECONDS.toNanos(args.integer("start-timeout-seconds", 30));
        List<Double> accept = new ArrayList<>();
        List<Double> login = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + cmd.replace("{port}", Integer.toString(port)));
            pb.redirectErrorStream(true);
            pb.redirectOutput(args.has("log") ? ProcessBuilder.Redirect.appendTo(new File(args.str("log", ""))) : ProcessBuilder.Redirect.DISCARD);
            Target target = Target.loopback("127.0.0.1", port);
            long t0 = System.nanoTime();
            Process p = pb.start();
            try {
                long[] accepted = {-1};
                long tLogin = -1;
                while (System.nanoTime() - t0 < limitNs && p.isAlive() && tLogin < 0) {
                    try {
                        boolean ok = tryLogin(target, proto, () -> {
                            if (accepted[0] < 0) {
                                accepted[0] = System.nanoTime();
                            }
                        });
                        if (ok) {
                            tLogin = System.nanoTime();
                        }
                    } catch (IOException e) {
                        Thread.onSpinWait();
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                }
                if (tLogin < 0) {
                    report.error("startup", "no successful " + proto + " login within the limit (process "
                            + (p.isAlive() ? "running" : "exited " + p.exitValue()) + ")");
                    return;
                }
                long tAccept = accepted[0];
                accept.add((tAccept - t0) / 1e6);
                login.add((tLogin - t0) / 1e6);
                System.out.printf("round %d: first connection %.0f ms, first login %.0f ms (pid %d)%n", r + 1,
                        (tAccept - t0) / 1e6, (tLogin - t0) / 1e6, p.pid());
            } finally {
                stop(p);
            }
        }
        report.cost("startup_first_connection_ms", "ms", Stats.median(accept));
        report.cost("startup_first_login_ms", "ms", Stats.median(login));
    }

    /**
     * Connects, reads the greeting (then runs {@code greeted}), logs in; true when the login
     * succeeded. Connection errors propagate.
     */
    private boolean tryLogin(Target target, String proto, Runnable greeted) throws IOException {
        String user = args.str("user", "bench@example.com");
        String pass = args.str("pass", "benchpw");
        switch (proto) {
            case "imap": {
                try (ImapClient c = new ImapClient(target, null, 10_000)) {
                    greeted.run();
                    boolean ok = c.login(user, pass).ok();
                    c.logout();
                    return ok;
                }
            }
            case "pop3": {
                try (Pop3Client c = new Pop3Client(target, 10_000)) {
                    greeted.run();
                    try {
                        c.login(user, pass);
                    } catch (IOException e) {
                        return false;
                    }
                    c.quit();
                    return true;
                }
            }
            case "smtp": {
                try (SmtpClient c = new SmtpClient(target, 10_000)) {
                    greeted.run();
                    c.ehlo();
                    try {
                        c.authPlain(user, pass);
                    } catch (IOException e) {
                        return false;
                    }
                    c.quit();
                    return true;
                }
            }
            default:
                throw new IllegalArgumentException("unknown --proto " + proto);
        }
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
