package dev.letterbox.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code pop3}: STAT/UIDL/LIST on an N-message maildrop and RETR over 1 and C connections. POP3
 * servers may lock a maildrop per session (RFC 1939 §8), so C connections use C users
 * ({@code <prefix>1..<prefix>C}) with N/C messages each; the maildrops are seeded over IMAP APPEND.
 */
final class Pop3Workload {
    private final Args args;
    private final Target pop3;
    private final Target imap;
    private final Report report;
    private final String prefix;
    private final String domain;
    private final String pass;
    private final int messages;
    private final int size;
    private final long phaseMs;
    private final int timeoutMs;

    Pop3Workload(Args args, Report report, Target pop3) {
        this.args = args;
        this.report = report;
        this.pop3 = pop3;
        this.imap = Target.loopback(args.str("host", "127.0.0.1"), args.integer("imap-port", 0));
        this.prefix = args.str("user-prefix", "pop");
        this.domain = args.str("domain", "example.com");
        this.pass = args.str("pass", "benchpw");
        this.messages = args.integer("messages", 10_000);
        this.size = args.integer("size", 5_000);
        this.phaseMs = args.longValue("phase-seconds", 30) * 1000;
        this.timeoutMs = args.integer("io-timeout-ms", 120_000);
    }

    private String user(int i) {
        return prefix + i + "@" + domain;
    }

    void run() throws Exception {
        int fillConns = args.integer("fill-conns", 32);
        long fillMs = args.longValue("fill-seconds", 300) * 1000;
        int seeded = Appender.fill(imap, user(0), pass, "INBOX", fillConns, 0, messages, size, fillMs, timeoutMs);
        if (seeded < messages) {
            report.error("seed", "seeded only " + seeded + " of " + messages + " messages over IMAP");
            return;
        }
        try (Pop3Client c = new Pop3Client(pop3, timeoutMs)) {
            c.login(user(0), pass);
            timed(c, "stat_ms", () -> {
                String r = c.command("STAT");
                int n = Integer.parseInt(r.split(" ")[1]);
                if (n != messages) {
                    throw new IOException("STAT says " + n + " messages, expected " + messages);
                }
            });
            timed(c, "uidl_ms", () -> expectLines(c.multiLine("UIDL"), "UIDL"));
            timed(c, "list_ms", () -> expectLines(c.multiLine("LIST"), "LIST"));
            c.quit();
        }
        for (int conns : args.ints("conns", "1,8")) {
            retr(conns);
        }
    }

    private void expectLines(List<String> lines, String what) throws IOException {
        if (lines.size() != messages) {
            throw new IOException(what + " listed " + lines.size() + " messages, expected " + messages);
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private void timed(Pop3Client c, String figure, IoAction action) {
        List<Double> ms = new ArrayList<>();
        try {
            for (int i = 0; i < 1 + args.integer("warm", 3); i++) {
                long t0 = System.nanoTime();
                action.run();
                ms.add((System.nanoTime() - t0) / 1e6);
            }
            report.cost(figure, "ms", Stats.median(ms.subList(1, ms.size())));
        } catch (IOException | RuntimeException e) {
            report.error(figure, e.getMessage());
        }
    }

    private void retr(int conns) throws InterruptedException, IOException {
        String figure = "retr_c" + conns;
        int per = conns == 1 ? messages : messages / conns;
        if (conns > 1) {
            int fillConns = Math.max(1, args.integer("fill-conns", 32) / conns);
            long fillMs = args.longValue("fill-seconds", 300) * 1000;
            List<String> seedFailures = Parallel.run(conns, fillMs + 2L * timeoutMs, u -> {
                int seeded = Appender.fill(imap, user(u + 1), pass, "INBOX", fillConns, 0, per, size, fillMs, timeoutMs);
                if (seeded < per) {
                    throw new IOException("seeded only " + seeded + " of " + per + " messages for " + user(u + 1));
                }
            });
            if (!seedFailures.isEmpty()) {
                report.error(figure, seedFailures.get(0));
                return;
            }
        }
        AtomicInteger done = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        StartGate gate = new StartGate(conns);
        List<String> failures = Parallel.run(conns, phaseMs + 2L * timeoutMs, i -> {
            boolean arrived = false;
            try (Pop3Client c = new Pop3Client(pop3, Target.spreadSource(i), timeoutMs)) {
                c.login(user(conns == 1 ? 0 : i + 1), pass);
                arrived = true;
                long stop = gate.arriveAndAwait() + phaseMs * 1_000_000;
                for (int n = 1; n <= per && System.nanoTime() < stop; n++) {
                    bytes.addAndGet(c.retr(n));
                    done.incrementAndGet();
                }
                c.quit();
            } finally {
                if (!arrived) {
                    gate.leave();
                }
            }
        });
        double secs = gate.elapsedSeconds();
        if (!failures.isEmpty()) {
            report.error(figure, failures.size() + " connection(s) failed: " + failures.get(0));
        }
        if (done.get() > 0) {
            report.rate(figure + "_msgs_s", "msgs/s", done.get() / secs);
            report.rate(figure + "_MBps", "MB/s", bytes.get() / 1e6 / secs);
        }
        if (done.get() < per * conns) {
            report.note(figure + ".completed", done.get() + " of " + per * conns + " within " + phaseMs / 1000 + " s");
        }
    }
}
