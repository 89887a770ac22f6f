package dev.letterbox.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code idle}: ramps up connections that LOGIN, SELECT INBOX and IDLE (RFC 2177), spread over
 * source addresses 127.0.0.x, stopping at the first step with more than 1 % failures; then delivers
 * messages to distinct idling users (SMTP submission or IMAP APPEND) and measures the delay from
 * the end of each delivery to the {@code * n EXISTS} at the idler.
 */
final class IdleWorkload {
    /** One idling connection. The reader records when EXISTS grows. */
    private static final class Idler {
        final int index;
        final String user;
        volatile ImapClient client;
        volatile int exists = -1;
        volatile long existsAt;

        Idler(int index, String user) {
            this.index = index;
            this.user = user;
        }
    }

    private final Args args;
    private final Report report;
    private final Target imap;
    private final String prefix;
    private final String domain;
    private final String pass;
    private final boolean sameUser;
    private final long pid;
    private final int timeoutMs;
    private final List<Idler> idlers = new ArrayList<>();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean stopping;

    IdleWorkload(Args args, Report report, Target imap, long pid) {
        this.args = args;
        this.report = report;
        this.imap = imap;
        this.prefix = args.str("user-prefix", "idle");
        this.domain = args.str("domain", "example.com");
        this.pass = args.str("pass", "benchpw");
        this.sameUser = args.has("same-user");
        this.pid = pid;
        this.timeoutMs = args.integer("io-timeout-ms", 30_000);
    }

    private String user(int i) {
        if (sameUser) {
            return args.str("user", prefix + "1@" + domain);
        }
        return prefix + (i + 1) + "@" + domain;
    }

    void run() throws Exception {
        boolean virtual = !"platform".equals(args.str("threads", "auto")) && Parallel.virtualThreadsAvailable();
        report.note("idle.client_threads", virtual ? "virtual" : "platform");
        report.note("idle.client_jdk", Runtime.version().toString());
        ExecutorService pool = Parallel.manyThreads(virtual);
        long heapBase = args.has("no-heap") ? -1 : Report.heapUsedAfterGcKib(pid);
        long rssBase = Report.rssKib(pid);
        // the delivering session is opened first, so a server that refuses connections at its
        // limit still gets its deliveries (and push latency) measured at that limit
        try (Deliverer deliverer = deliverer()) {
            int held = ramp(pool);
            report.rate("idle_held", "connections", held);
            long rssHeld = Report.rssKib(pid);
            if (rssHeld > 0) {
                report.add("server_rss_mib", "MiB", rssHeld / 1024.0, false);
            }
            // per-connection memory only where connections dominate the GC and allocation noise
            if (held >= args.integer("memory-min-connections", 1000)) {
                long heap = heapBase < 0 ? -1 : Report.heapUsedAfterGcKib(pid);
                if (heap > 0) {
                    report.cost("server_heap_per_idle_kib", "KiB/connection (live heap after GC)",
                            (heap - heapBase) / (double) held);
                }
                long rss = Report.rssKib(pid);
                if (rss > 0 && rssBase > 0) {
                    report.cost("server_rss_per_idle_kib", "KiB/connection", (rss - rssBase) / (double) held);
                }
            }
            if (held > 0) {
                deliveries(deliverer);
            }
            report.rate("idle_still_held_after_deliveries", "connections", held - dropped.get());
        } finally {
            stopping = true;
            for (Idler i : idlers) {
                ImapClient c = i.client;
                if (c != null) {
                    try {
                        c.close();
                    } catch (IOException e) {
                        // closing
                    }
                }
            }
            pool.shutdownNow();
        }
    }

    /** Ramps through the steps; returns the connections held. */
    private int ramp(ExecutorService pool) throws InterruptedException {
        Semaphore inFlight = new Semaphore(args.integer("concurrency", 64));
        AtomicInteger ok = new AtomicInteger();
        int held = 0;
        long t0 = System.nanoTime();
        for (int step : args.ints("steps", "100,1000")) {
            int from = idlers.size();
            if (step <= from) {
                continue;
            }
            AtomicInteger failed = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(step - from);
            String[] firstFailure = new String[1];
            for (int i = from; i < step; i++) {
                Idler idler = new Idler(i, user(i));
                idlers.add(idler);
                pool.execute(() -> connect(idler, inFlight, done, ok, failed, firstFailure));
            }
            boolean complete = done.await(args.longValue("step-seconds", 120), TimeUnit.SECONDS);
            int attempted = step - from;
            int fails = failed.get() + (int) done.getCount();
            held = ok.get() - dropped.get();
            long rss = Report.rssKib(pid);
            System.out.printf("step %6d: held %6d, failed %d%s%s%n", step, held, fails,
                    rss > 0 ? ", server RSS " + rss / 1024 + " MiB" : "",
                    firstFailure[0] == null ? "" : " (" + firstFailure[0] + ")");
            if (!complete || fails > attempted / 100) {
                report.note("idle.ramp_stopped_at_step", step + ": " + fails + " of " + attempted + " failed"
                        + (firstFailure[0] == null ? "" : " (" + firstFailure[0] + ")"));
                break;
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        report.rate("idle_connect_rate", "connections/s (LOGIN+SELECT+IDLE)", ok.get() / secs);
        return held;
    }

    private void connect(Idler idler, Semaphore inFlight, CountDownLatch done, AtomicInteger ok,
            AtomicInteger failed, String[] firstFailure) {
        ImapClient c = null;
        try {
            inFlight.acquire();
            try {
                c = new ImapClient(imap, Target.spreadSource(idler.index), timeoutMs, 1024);
                ImapReader.Result login = c.login(idler.user, pass);
                if (!login.ok()) {
                    throw new IOException("LOGIN: " + login.tagged());
                }
                ImapReader.Result sel = c.command("SELECT INBOX", true);
                if (!sel.ok()) {
                    throw new IOException("SELECT: " + sel.tagged());
                }
                for (String u : sel.untagged()) {
                    if (u.endsWith(" EXISTS")) {
                        idler.exists = Integer.parseInt(u.substring(2, u.indexOf(' ', 2)));
                    }
                }
                c.idle();
                c.setTimeout(0);
                idler.client = c;
            } finally {
                inFlight.release();
            }
            ok.incrementAndGet();
            done.countDown();
        } catch (Exception e) {
            failed.incrementAndGet();
            if (firstFailure[0] == null) {
                firstFailure[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            done.countDown();
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // failed connection
                }
            }
            return;
        }
        listen(idler, c);
    }

    private void listen(Idler idler, ImapClient c) {
        try {
            while (true) {
                String line = c.readLine();
                long now = System.nanoTime();
                if (line.startsWith("* ") && line.endsWith(" EXISTS")) {
                    int n = Integer.parseInt(line.substring(2, line.indexOf(' ', 2)));
                    if (n > idler.exists) {
                        idler.existsAt = now;
                        idler.exists = n;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                dropped.incrementAndGet();
            }
        }
    }

    private Deliverer deliverer() throws IOException {
        return args.has("smtp-port")
                ? new Deliverer.Smtp(Target.loopback(args.str("host", "127.0.0.1"), args.integer("smtp-port", 0)),
                        args.str("smtp-user", user(0)), pass, timeoutMs)
                : new Deliverer.Imap(imap, pass, timeoutMs);
    }

    private void deliveries(Deliverer deliverer) throws Exception {
        List<Idler> live = new ArrayList<>();
        for (Idler i : idlers) {
            if (i.client != null) {
                live.add(i);
            }
        }
        // distinct users while there are enough idlers; round-robin over them beyond that
        int m = args.integer("deliveries", 1000);
        double rate = args.decimal("rate", 0);
        long waitNs = TimeUnit.MILLISECONDS.toNanos(args.integer("push-timeout-ms", 5000));
        report.note("idle.delivery", deliverer.name());
        List<Double> latencies = new ArrayList<>();
        int missed = 0;
        long start = System.nanoTime();
        for (int d = 0; d < m; d++) {
            if (rate > 0) {
                long due = start + (long) (d * 1e9 / rate);
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
            }
            int pick = m <= live.size() ? (int) ((long) d * live.size() / m) : d % live.size();
            List<Idler> targets = sameUser ? live : List.of(live.get(pick));
            int[] expect = new int[targets.size()];
            for (int k = 0; k < expect.length; k++) {
                expect[k] = targets.get(k).exists + 1;
            }
            byte[] body = Messages.message(d, args.integer("size", 2000), "sender@" + domain, targets.get(0).user);
            long sent = deliverer.deliver(targets.get(0).user, body);
            long deadline = System.nanoTime() + waitNs;
            for (int k = 0; k < expect.length; k++) {
                Idler idler = targets.get(k);
                while (idler.exists < expect[k] && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(20_000);
                }
                if (idler.exists >= expect[k]) {
                    latencies.add((idler.existsAt - sent) / 1e6);
                } else {
                    missed++;
                }
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double[] l = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        report.note("idle.deliveries", m + (sameUser ? " to one user watched by " + live.size() + " idlers" : " to "
                + Math.min(m, live.size()) + " distinct idling users") + (rate > 0 ? " at " + rate + "/s" : " back to back"));
        report.rate("delivery_rate", "deliveries/s", m / secs);
        if (l.length > 0) {
            report.cost("push_p50_ms", "ms", Stats.percentile(l, 50));
            report.cost("push_p99_ms", "ms", Stats.percentile(l, 99));
            report.cost("push_max_ms", "ms", Stats.max(l));
        }
        if (missed > 0) {
            report.error("push", missed + " EXISTS notifications not seen within " + waitNs / 1_000_000 + " ms");
        }
    }
}
