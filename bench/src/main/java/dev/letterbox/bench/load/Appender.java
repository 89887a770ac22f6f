package dev.letterbox.bench.load;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** IMAP APPEND of deterministic messages [from, to) over several connections, bounded in time. */
final class Appender {
    /** How many were appended, in how many seconds (measured once every connection was logged in), and failures. */
    record Outcome(int appended, double seconds, List<String> failures) {
    }

    private Appender() {
    }

    static ImapClient login(Target target, String user, String pass, int timeoutMs) throws IOException {
        return login(target, null, user, pass, timeoutMs);
    }

    /** Connects (from {@code source} when given) and logs in. */
    static ImapClient login(Target target, java.net.InetAddress source, String user, String pass, int timeoutMs)
            throws IOException {
        ImapClient c = new ImapClient(target, source, timeoutMs);
        ImapReader.Result r = c.login(user, pass);
        if (!r.ok()) {
            c.close();
            throw new IOException("LOGIN failed: " + r.tagged());
        }
        return c;
    }

    static Outcome append(Target target, String user, String pass, String box, int conns, int from, int to, int size,
            long limitMs, boolean literalPlus, int timeoutMs) throws InterruptedException {
        // generated before the clock starts, so the client spends its CPU on the wire only
        byte[][] messages = new byte[Math.max(0, to - from)][];
        for (int i = from; i < to; i++) {
            messages[i - from] = Messages.message(i, size, "sender@example.com", user);
        }
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger done = new AtomicInteger();
        StartGate gate = new StartGate(conns);
        List<String> failures = Parallel.run(conns, limitMs + 2L * timeoutMs, i -> {
            boolean arrived = false;
            try (ImapClient c = login(target, Target.spreadSource(i), user, pass, timeoutMs)) {
                arrived = true;
                long stop = gate.arriveAndAwait() + limitMs * 1_000_000;
                while (System.nanoTime() < stop) {
                    int idx = next.getAndIncrement();
                    if (idx >= to) {
                        break;
                    }
                    ImapReader.Result r = c.append(box, messages[idx - from], literalPlus);
                    if (!r.ok()) {
                        throw new IOException("APPEND failed: " + r.tagged());
                    }
                    done.incrementAndGet();
                }
                c.logout();
            } finally {
                if (!arrived) {
                    gate.leave();
                }
            }
        });
        return new Outcome(done.get(), gate.elapsedSeconds(), failures);
    }

    /** Appends [from, to) unmeasured (seeding), with generous limits; returns how many were appended. */
    static int fill(Target target, String user, String pass, String box, int conns, int from, int to, int size,
            long limitMs, int timeoutMs) throws InterruptedException, IOException {
        boolean literalPlus;
        try (ImapClient c = login(target, user, pass, timeoutMs)) {
            literalPlus = c.hasCapability("LITERAL+");
            c.logout();
        }
        return append(target, user, pass, box, conns, from, to, size, limitMs, literalPlus, timeoutMs).appended();
    }
}
