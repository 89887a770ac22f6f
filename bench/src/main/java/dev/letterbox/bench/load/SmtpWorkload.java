package dev.letterbox.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code smtp}: authenticated submissions/s (AUTH PLAIN), plain and after STARTTLS, for each message
 * size and each connection count. Sessions are set up first (their setup time is reported
 * separately), then every session submits back to back until the count or the time is reached.
 */
final class SmtpWorkload {
    private final Args args;
    private final Target target;
    private final Report report;
    private final String user;
    private final String pass;
    private final String rcpt;
    private final long phaseMs;
    private final int timeoutMs;

    SmtpWorkload(Args args, Report report, Target target) {
        this.args = args;
        this.report = report;
        this.target = target;
        this.user = args.str("user", "bench@example.com");
        this.pass = args.str("pass", "benchpw");
        this.rcpt = args.str("rcpt", user);
        this.phaseMs = args.longValue("phase-seconds", 10) * 1000;
        this.timeoutMs = args.integer("io-timeout-ms", 120_000);
    }

    void run() throws Exception {
        for (String tls : args.list("tls", "plain,starttls")) {
            for (int size : args.ints("sizes", "4096,1048576")) {
                for (int conns : args.ints("conns", "1,8,64")) {
                    int count = size >= 512 * 1024 ? args.integer("messages-large", 200) : args.integer("messages", 5000);
                    phase(tls.toLowerCase(Locale.ROOT), size, conns, Math.max(count, conns));
                }
            }
        }
    }

    private static String sizeName(int size) {
        return size >= 1024 * 1024 ? size / (1024 * 1024) + "MB" : size / 1024 + "KB";
    }

    private SmtpClient session(boolean startTls, int i) throws IOException {
        SmtpClient c = new SmtpClient(target, Target.spreadSource(i), timeoutMs);
        try {
            c.ehlo();
            if (startTls) {
                if (!c.offers("STARTTLS")) {
                    throw new IOException("STARTTLS not offered");
                }
                c.startTls();
            }
            c.authPlain(user, pass);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void phase(String tls, int size, int conns, int count) throws InterruptedException {
        String figure = "submit_" + tls + "_" + sizeName(size) + "_c" + conns;
        byte[] message = Messages.message(size, size, user, rcpt);
        boolean startTls = tls.equals("starttls");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Double> setupMs = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean pipelining = new java.util.concurrent.atomic.AtomicBoolean();
        StartGate gate = new StartGate(conns);
        List<String> failures = Parallel.run(conns, phaseMs + 2L * timeoutMs, i -> {
            boolean arrived = false;
            long t0 = System.nanoTime();
            try (SmtpClient c = session(startTls, i)) {
                setupMs.add((System.nanoTime() - t0) / 1e6);
                boolean pipe = c.offers("PIPELINING");
                if (pipe) {
                    pipelining.set(true);
                }
                arrived = true;
                long stop = gate.arriveAndAwait() + phaseMs * 1_000_000;
                while (System.nanoTime() < stop && next.getAndIncrement() < count) {
                    c.submit(user, rcpt, message, pipe);
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
            report.error(figure, failures.size() + " of " + conns + " connection(s) failed: " + failures.get(0));
            if (failures.size() == conns) {
                return;
            }
        }
        if (done.get() > 0) {
            report.rate(figure + "_msgs_s", "msgs/s", done.get() / secs);
            report.rate(figure + "_MBps", "MB/s", (double) done.get() * message.length / 1e6 / secs);
        }
        if (!setupMs.isEmpty()) {
            report.cost(figure + "_setup_ms", "ms (median session setup)", Stats.median(setupMs));
        }
        report.note("smtp.pipelining_offered", String.valueOf(pipelining.get()));
        if (done.get() < count) {
            report.note(figure + ".completed", done.get() + " of " + count + " within " + phaseMs / 1000 + " s");
        }
    }
}
