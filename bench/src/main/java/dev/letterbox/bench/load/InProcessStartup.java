package dev.letterbox.bench.load;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code startup-inprocess}: a {@link MailTestServer} with every service, started in this (warm)
 * JVM: time to {@code start()} returning, to the first IMAP greeting and to the first successful
 * login. Warm-up rounds first, then the median of the measured rounds.
 */
final class InProcessStartup {
    private final Args args;
    private final Report report;

    InProcessStartup(Args args, Report report) {
        this.args = args;
        this.report = report;
    }

    void run() throws Exception {
        int warmup = args.integer("warmup", 20);
        int rounds = args.integer("rounds", 20);
        String user = args.str("user", "bench@example.com");
        String pass = args.str("pass", "benchpw");
        List<Double> started = new ArrayList<>();
        List<Double> accepted = new ArrayList<>();
        List<Double> loggedIn = new ArrayList<>();
        for (int r = 0; r < warmup + rounds; r++) {
            long t0 = System.nanoTime();
            try (MailTestServer server = MailTestServer.builder().user(user, pass).start()) {
                long t1 = System.nanoTime();
                Target imap = Target.loopback(server.host(), server.port(Service.IMAP));
                try (ImapClient c = new ImapClient(imap, null, 10_000)) {
                    long t2 = System.nanoTime();
                    if (!c.login(user, pass).ok()) {
                        report.error("startup_inprocess", "LOGIN failed");
                        return;
                    }
                    long t3 = System.nanoTime();
                    if (r >= warmup) {
                        started.add((t1 - t0) / 1e6);
                        accepted.add((t2 - t0) / 1e6);
                        loggedIn.add((t3 - t0) / 1e6);
                    }
                    c.logout();
                }
            }
        }
        report.note("startup_inprocess.services", String.valueOf(Service.values().length) + " (all)");
        report.cost("inprocess_started_ms", "ms (warm, all services)", Stats.median(started));
        report.cost("inprocess_first_connection_ms", "ms (warm)", Stats.median(accepted));
        report.cost("inprocess_first_login_ms", "ms (warm)", Stats.median(loggedIn));
    }
}
