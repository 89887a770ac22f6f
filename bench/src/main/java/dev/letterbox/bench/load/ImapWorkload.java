package dev.letterbox.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code imap}: APPEND of N ~5 KB messages over 1 and 8 connections, then FETCH of ENVELOPE,
 * header fields and whole bodies over all N, and SEARCH SUBJECT / BODY, cold and warm.
 */
final class ImapWorkload {
    private final Args args;
    private final Target target;
    private final Report report;
    private final String user;
    private final String pass;
    private final int messages;
    private final int size;
    private final long phaseMs;
    private final int timeoutMs;

    ImapWorkload(Args args, Report report, Target target) {
        this.args = args;
        this.target = target;
        this.report = report;
        this.user = args.str("user", "bench@example.com");
        this.pass = args.str("pass", "benchpw");
        this.messages = args.integer("messages", 10_000);
        this.size = args.integer("size", 5_000);
        this.phaseMs = args.longValue("phase-seconds", 30) * 1000;
        this.timeoutMs = args.integer("io-timeout-ms", 120_000);
    }

    private ImapClient login() throws IOException {
        return Appender.login(target, user, pass, timeoutMs);
    }

    void run() throws Exception {
        List<Integer> connsList = args.ints("conns", "1,8");
        String fetchBox = null;
        try (ImapClient admin = login()) {
            boolean literalPlus = admin.hasCapability("LITERAL+");
            report.note("imap.literal_plus", String.valueOf(literalPlus));
            String stamp = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            for (int conns : connsList) {
                String box = "BenchAppend" + conns + "x" + stamp;
                ImapReader.Result cr = admin.command("CREATE " + ImapClient.quote(box), false);
                if (!cr.ok()) {
                    report.error("append_c" + conns, "CREATE failed: " + cr.tagged());
                    continue;
                }
                int done = appendPhase(box, conns, 0, messages, phaseMs, literalPlus, "append_c" + conns);
                fetchBox = box;
                if (done < messages) {
                    report.note("append_c" + conns + ".completed", done + " of " + messages + " within " + phaseMs / 1000 + " s");
                    int fillConns = args.integer("fill-conns", 32);
                    int filled = appendPhase(box, fillConns, done, messages, args.longValue("fill-seconds", 300) * 1000,
                            literalPlus, null);
                    if (filled < messages - done) {
                        report.error("fill", "could only fill " + (done + filled) + " of " + messages);
                        return;
                    }
                }
            }
            if (fetchBox == null) {
                return;
            }
            ImapReader.Result sel = admin.command("SELECT " + ImapClient.quote(fetchBox), true);
            int exists = -1;
            for (String u : sel.untagged()) {
                if (u.endsWith(" EXISTS")) {
                    exists = Integer.parseInt(u.substring(2, u.indexOf(' ', 2)));
                }
            }
            if (!sel.ok() || exists != messages) {
                report.error("select", "SELECT gave EXISTS " + exists + ": " + sel.tagged());
                return;
            }
            int warm = args.integer("warm", 3);
            search(admin, "UID SEARCH SUBJECT " + Messages.SUBJECT_TOKEN, Messages.subjectMatches(messages),
                    "search_subject_cold", 1);
            search(admin, "SEARCH BODY " + Messages.BODY_TOKEN, Messages.bodyMatches(messages), "search_body_cold", 1);
            fetch(admin, "FETCH 1:* (FLAGS ENVELOPE RFC822.SIZE)", "fetch_envelope", warm, false);
            fetch(admin, "FETCH 1:* BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)]", "fetch_headers", warm, false);
            fetch(admin, "FETCH 1:* BODY.PEEK[]", "fetch_body", warm, true);
            search(admin, "UID SEARCH SUBJECT " + Messages.SUBJECT_TOKEN, Messages.subjectMatches(messages),
                    "search_subject_warm", warm);
            search(admin, "SEARCH BODY " + Messages.BODY_TOKEN, Messages.bodyMatches(messages), "search_body_warm", warm);
            admin.logout();
        }
    }

    /** Appends indexes [from, to) over {@code conns} connections until done or the time is up; returns the count. */
    private int appendPhase(String box, int conns, int from, int to, long limitMs, boolean literalPlus, String figure)
            throws InterruptedException {
        Appender.Outcome o = Appender.append(target, user, pass, box, conns, from, to, size, limitMs, literalPlus, timeoutMs);
        if (figure != null) {
            if (!o.failures().isEmpty()) {
                report.error(figure, o.failures().size() + " connection(s) failed: " + o.failures().get(0));
            }
            if (o.appended() > 0) {
                report.rate(figure, "msgs/s", o.appended() / o.seconds());
            }
        }
        return o.appended();
    }

    private void fetch(ImapClient c, String command, String figure, int warm, boolean throughput) throws IOException {
        List<Double> warmMs = new ArrayList<>();
        long bytes = 0;
        for (int run = 0; run <= warm; run++) {
            long t0 = System.nanoTime();
            ImapReader.Result r = c.command(command, false);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!r.ok() || r.fetches() != messages) {
                report.error(figure, r.ok() ? "got " + r.fetches() + " FETCH responses, expected " + messages : r.tagged());
                return;
            }
            if (run == 0) {
                report.cost(figure + "_cold_ms", "ms", ms);
            } else {
                warmMs.add(ms);
                bytes = r.bytes();
            }
        }
        if (!warmMs.isEmpty()) {
            double med = Stats.median(warmMs);
            report.cost(figure + "_warm_ms", "ms", med);
            if (throughput) {
                report.rate(figure + "_MBps", "MB/s", bytes / 1e6 / (med / 1e3));
            }
        }
    }

    private void search(ImapClient c, String command, int expected, String figure, int runs) throws IOException {
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            ImapReader.Result r = c.command(command, true);
            ms.add((System.nanoTime() - t0) / 1e6);
            int found = -1;
            for (String u : r.untagged()) {
                if (u.startsWith("* SEARCH")) {
                    String rest = u.substring(8).trim();
                    found = rest.isEmpty() ? 0 : rest.split(" +").length;
                }
            }
            if (!r.ok() || found != expected) {
                report.error(figure, r.ok() ? "found " + found + " messages, expected " + expected : r.tagged());
                return;
            }
        }
        report.cost(figure + "_ms", "ms", Stats.median(ms));
    }
}
