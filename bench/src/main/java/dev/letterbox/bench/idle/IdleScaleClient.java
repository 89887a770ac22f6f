package dev.letterbox.bench.idle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of the IDLE scale benchmark (its own JVM, Java 17+): one NIO selector thread holds
 * every IMAP connection, so timestamps are taken by one thread the moment a line arrives. Each
 * connection binds a source address in 127.0.0.1–127.0.0.100, logs in as its user, SELECTs INBOX and
 * IDLEs (the three commands pipelined). Deliveries go through {@link IdleScaleServer}'s control channel
 * ({@code TrackedStore.deliver}); the push delay is the client's receive time of {@code * n EXISTS}
 * minus the server's {@code nanoTime} just before the delivery (both CLOCK_MONOTONIC on one host).
 *
 * <p>Phases: baseline memory; 1 idler × 1,000 deliveries; 100 idlers on one mailbox × 200 deliveries
 * (fan-out); N idlers on N distinct users, memory, 1,000 deliveries to distinct users; 10 deliveries/s
 * for 60 s while all are held; finally DONE on every connection, counting the tagged OKs (connections
 * still held and responsive).
 *
 * <p>Usage: {@code IdleScaleClient <imapPort> <controlPort> <serverPid> <connections> <label>}.
 */
public final class IdleScaleClient {
    private static final int SOURCES = 100;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** One expected EXISTS at {@code n} connections. */
    static final class Delivery {
        final CountDownLatch latch;
        final long[] arrivals;
        final AtomicInteger next = new AtomicInteger();
        volatile long t0;

        Delivery(int n) {
            latch = new CountDownLatch(n);
            arrivals = new long[n];
        }

        void arrived(long t) {
            int i = next.getAndIncrement();
            if (i < arrivals.length) {
                arrivals[i] = t;
                latch.countDown();
            }
        }
    }

    static final class Conn {
        final int user;
        final SocketChannel ch;
        final ByteBuffer in = ByteBuffer.allocate(256);
        final StringBuilder line = new StringBuilder();
        int state; // 0 greeting, 1 waiting + idling, 2 idling, 3 DONE sent, 4 done ok, -1 dead
        volatile Delivery expect;
        CountDownLatch ready;

        Conn(int user, SocketChannel ch) {
            this.user = user;
            this.ch = ch;
        }
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final InetSocketAddress imap;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger doneOk = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile CountDownLatch doneLatch;
    private int sourceIndex;

    IdleScaleClient(InetSocketAddress imap) throws IOException {
        this.imap = imap;
        this.selector = Selector.open();
        Thread t = new Thread(this::loop, "selector");
        t.setDaemon(true);
        t.start();
    }

    private void run(Runnable r) {
        tasks.add(r);
        selector.wakeup();
    }

    private void loop() {
        try {
            while (true) {
                selector.select();
                long now = System.nanoTime();
                for (Runnable r; (r = tasks.poll()) != null; ) r.run();
                for (SelectionKey k : selector.selectedKeys()) handle(k, now);
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(SelectionKey k, long now) {
        Conn c = (Conn) k.attachment();
        try {
            if (k.isConnectable()) {
                c.ch.finishConnect();
                k.interestOps(SelectionKey.OP_READ);
                return;
            }
            int n = c.ch.read(c.in);
            if (n < 0) throw new IOException("closed by server");
            c.in.flip();
            while (c.in.hasRemaining()) {
                char ch = (char) (c.in.get() & 0xff);
                if (ch == '\n') {
                    onLine(c, c.line.toString(), now);
                    c.line.setLength(0);
                } else if (ch != '\r') {
                    c.line.append(ch);
                }
            }
            c.in.clear();
        } catch (IOException e) {
            fail(c, k);
        }
    }

    private void fail(Conn c, SelectionKey k) {
        if (c.state != -1) {
            boolean wasReady = c.state < 2;
            c.state = -1;
            failures.incrementAndGet();
            if (wasReady && c.ready != null) c.ready.countDown();
        }
        k.cancel();
        try {
            c.ch.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void onLine(Conn c, String l, long now) throws IOException {
        switch (c.state) {
            case 0 -> {
                if (l.startsWith("* BYE")) refused.incrementAndGet();
                if (!l.startsWith("* OK")) throw new IOException("greeting: " + l);
                c.state = 1;
                write(c, "a LOGIN u" + c.user + " pw\r\nb SELECT INBOX\r\nc IDLE\r\n");
            }
            case 1 -> {
                if (l.startsWith("+ ")) {
                    c.state = 2;
                    c.ready.countDown();
                } else if (l.startsWith("a NO") || l.startsWith("b NO") || l.startsWith("a BAD") || l.startsWith("* BYE")) {
                    throw new IOException(l);
                }
            }
            case 2 -> {
                if (l.endsWith(" EXISTS")) {
                    Delivery d = c.expect;
                    if (d != null) d.arrived(now);
                } else if (l.startsWith("* BYE")) {
                    throw new IOException(l);
                }
            }
            case 3 -> {
                if (l.startsWith("c OK")) {
                    c.state = 4;
                    doneOk.incrementAndGet();
                    doneLatch.countDown();
                }
            }
            default -> { }
        }
    }

    private static void write(Conn c, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) {
            if (c.ch.write(b) == 0) Thread.onSpinWait();
        }
    }

    /** Opens {@code count} connections for {@code users[i]}, at most {@code parallel} handshakes at a time. */
    List<Conn> open(int[] users, int parallel) throws InterruptedException {
        return open(users, parallel, 60);
    }

    List<Conn> open(int[] users, int parallel, int batchSeconds) throws InterruptedException {
        List<Conn> conns = new ArrayList<>(users.length);
        int i = 0;
        while (i < users.length) {
            int batch = Math.min(parallel, users.length - i);
            CountDownLatch ready = new CountDownLatch(batch);
            for (int k = 0; k < batch; k++, i++) {
                int user = users[i];
                int src = 1 + (sourceIndex++ % SOURCES);
                try {
                    SocketChannel ch = SocketChannel.open();
                    ch.bind(new InetSocketAddress("127.0.0." + src, 0));
                    ch.configureBlocking(false);
                    Conn c = new Conn(user, ch);
                    c.ready = ready;
                    conns.add(c);
                    run(() -> {
                        try {
                            SelectionKey key = ch.register(selector, 0, c);
                            key.interestOps(ch.connect(imap) ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT);
                        } catch (IOException e) {
                            c.state = -1;
                            failures.incrementAndGet();
                            ready.countDown();
                        }
                    });
                } catch (IOException e) {
                    failures.incrementAndGet();
                    ready.countDown();
                }
            }
            if (!ready.await(batchSeconds, TimeUnit.SECONDS)) {
                System.out.println("  batch did not complete in " + batchSeconds + " s");
            }
        }
        return conns;
    }

    static long alive(List<Conn> conns) {
        return conns.stream().filter(c -> c.state == 2).count();
    }

    // ---- control channel ----

    static final class Control implements AutoCloseable {
        final Socket s;
        final BufferedReader r;
        final OutputStream o;

        Control(int port) throws IOException {
            s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            o = s.getOutputStream();
        }

        long call(String line) throws IOException {
            o.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            return Long.parseLong(r.readLine().trim());
        }

        @Override
        public void close() throws IOException {
            s.close();
        }
    }

    // ---- measurement ----

    /** Sequential deliveries: for each, arm the targets, deliver, wait for every target's EXISTS. */
    static Stats sequential(Control ctl, List<List<Conn>> targets, int userOf0Unused) throws Exception {
        Stats st = new Stats();
        for (List<Conn> t : targets) {
            Delivery d = new Delivery(t.size());
            for (Conn c : t) c.expect = d;
            d.t0 = ctl.call("D u" + t.get(0).user);
            boolean all = d.latch.await(WAIT_NANOS, TimeUnit.NANOSECONDS);
            int got = Math.min(d.next.get(), d.arrivals.length);
            for (int i = 0; i < got; i++) st.add(d.arrivals[i] - d.t0);
            if (!all) st.missed += t.size() - got;
            for (Conn c : t) c.expect = null;
        }
        return st;
    }

    /** Paced deliveries at {@code perSecond} for {@code seconds}, to distinct users, not waiting in between. */
    /** Round trips of the control channel during the last {@link #sustained} run: the machine's scheduling noise. */
    static final Stats CONTROL_RTT = new Stats();

    static Stats sustained(Control ctl, List<Conn> pool, int perSecond, int seconds) throws Exception {
        List<Conn> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(7));
        int n = Math.min(perSecond * seconds, shuffled.size());
        List<Delivery> ds = new ArrayList<>(n);
        long start = System.nanoTime();
        long step = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (int i = 0; i < n; i++) {
            long due = start + i * step;
            long wait = due - System.nanoTime();
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait); // pacing the load generator, not synchronisation
            Conn c = shuffled.get(i);
            Delivery d = new Delivery(1);
            c.expect = d;
            long sent = System.nanoTime();
            d.t0 = ctl.call("D u" + c.user);
            CONTROL_RTT.add(System.nanoTime() - sent);
            ds.add(d);
        }
        Stats st = new Stats();
        for (Delivery d : ds) {
            if (d.latch.await(WAIT_NANOS, TimeUnit.NANOSECONDS)) st.add(d.arrivals[0] - d.t0);
            else st.missed++;
        }
        return st;
    }

    static final class Stats {
        long[] v = new long[1024];
        int n;
        int missed;

        void add(long nanos) {
            if (n == v.length) v = Arrays.copyOf(v, n * 2);
            v[n++] = nanos;
        }

        String summary() {
            long[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            if (n == 0) return "no samples, missed=" + missed;
            return String.format(Locale.ROOT, "n=%d missed=%d p50=%.3f ms p99=%.3f ms max=%.3f ms", n, missed,
                    s[(int) Math.floor(0.50 * (n - 1))] / 1e6, s[(int) Math.floor(0.99 * (n - 1))] / 1e6, s[n - 1] / 1e6);
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
        return -1;
    }

    /** utime + stime of the process, in clock ticks (100 per second on Linux). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    static int[] repeat(int user, int n) {
        int[] a = new int[n];
        Arrays.fill(a, user);
        return a;
    }

    static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) a[i] = from + i;
        return a;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int ctlPort = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        int n = Integer.parseInt(args[3]);
        String label = args.length > 4 ? args[4] : "";
        IdleScaleClient cl = new IdleScaleClient(new InetSocketAddress("127.0.0.1", port));
        try (Control ctl = new Control(ctlPort)) {
            long heap0 = ctl.call("HEAP");
            long rss0 = rssKb(pid);
            System.out.printf(Locale.ROOT, "[%s] baseline: heap %.1f MB, RSS %.1f MB%n", label, heap0 / 1e6, rss0 / 1e3);

            // 1 idler
            List<Conn> one = cl.open(new int[] {0}, 1);
            List<List<Conn>> t1 = new ArrayList<>();
            for (int i = 0; i < 1000; i++) t1.add(one);
            System.out.println("[" + label + "] 1 idler, 1000 deliveries: " + sequential(ctl, t1, 0).summary());

            // fan-out: 100 idlers on u0's INBOX
            List<Conn> fan = new ArrayList<>(one);
            fan.addAll(cl.open(repeat(0, 99), 99));
            List<List<Conn>> t2 = new ArrayList<>();
            for (int i = 0; i < 200; i++) t2.add(fan);
            System.out.println("[" + label + "] 100 idlers on one mailbox (alive " + alive(fan) + "), 200 deliveries, per idler: "
                    + sequential(ctl, t2, 0).summary());
            for (Conn c : fan) cl.run(() -> closeQuietly(c));

            // scale: n idlers on distinct users
            long t = System.nanoTime();
            List<Conn> all = cl.open(range(1, n + 1), 500);
            long held = alive(all);
            System.out.printf(Locale.ROOT, "[%s] opened %d connections in %.1f s: %d idling, %d failed%n", label, n,
                    (System.nanoTime() - t) / 1e9, held, cl.failures.get());
            long heap1 = ctl.call("HEAP");
            long rss1 = rssKb(pid);
            System.out.printf(Locale.ROOT, "[%s] with %d idlers: heap %.1f MB, RSS %.1f MB; per connection: heap %.0f B, RSS %.0f B%n",
                    label, held, heap1 / 1e6, rss1 / 1e3, (heap1 - heap0) / (double) held, (rss1 - rss0) * 1024.0 / held);
            String histo = System.getenv("HISTO");
            if (histo != null && !histo.isEmpty()) {
                // the heap histogram with every idler held (jcmd of the server's JDK, given as HISTO_JCMD)
                String jcmd = System.getenv().getOrDefault("HISTO_JCMD", "jcmd");
                new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram")
                        .redirectOutput(new java.io.File(histo)).redirectErrorStream(true).start().waitFor();
            }
            List<Conn> idling = all.stream().filter(c -> c.state == 2).toList();
            List<Conn> pick = new ArrayList<>(idling);
            Collections.shuffle(pick, new Random(42));
            List<List<Conn>> t3 = new ArrayList<>();
            for (int i = 0; i < Math.min(1000, pick.size()); i++) t3.add(List.of(pick.get(i)));
            System.out.println("[" + label + "] " + held + " idlers, 1000 deliveries to distinct users: " + sequential(ctl, t3, 0).summary());
            System.out.println("[" + label + "] " + held + " idlers, 10 deliveries/s for 60 s: " + sustained(ctl, idling, 10, 60).summary());
            System.out.println("[" + label + "]   (control-channel round trip in the same minute, i.e. delivery call"
                    + " plus scheduling noise: " + CONTROL_RTT.summary() + ")");

            int overload = Integer.getInteger("overload", 0);
            if (overload > 0) {
                // beyond the server's descriptor limit: new connections are refused (busy reply), the
                // accept loop backs off instead of spinning, and held sessions are still served
                int failedBefore = cl.failures.get();
                long cpu0 = cpuTicks(pid);
                long w0 = System.nanoTime();
                List<Conn> extra = cl.open(range(n + 1, n + 1 + overload), overload, 30);
                long cpu1 = cpuTicks(pid);
                double secs = (System.nanoTime() - w0) / 1e9;
                System.out.printf(Locale.ROOT, "[%s] %d more connections at the server's fd limit: %d idling, %d refused with"
                                + " * BYE, %d failed otherwise, %d pending; server CPU %.1f%% of one core over %.1f s%n",
                        label, overload, alive(extra), cl.refused.get(), cl.failures.get() - failedBefore - cl.refused.get(),
                        extra.stream().filter(c -> c.state == 0 || c.state == 1).count(),
                        100.0 * (cpu1 - cpu0) / 100.0 / secs, secs);
                List<List<Conn>> t4 = new ArrayList<>();
                for (int i = 0; i < Math.min(200, pick.size()); i++) t4.add(List.of(pick.get(pick.size() - 1 - i)));
                System.out.println("[" + label + "] at the fd limit, 200 deliveries to held idlers: " + sequential(ctl, t4, 0).summary());
            }

            // still held? DONE on every connection and count the tagged OKs
            long before = alive(all);
            cl.doneLatch = new CountDownLatch((int) before);
            for (Conn c : idling) {
                cl.run(() -> {
                    try {
                        if (c.state == 2) {
                            c.state = 3;
                            write(c, "DONE\r\n");
                        }
                    } catch (IOException e) {
                        cl.doneLatch.countDown();
                    }
                });
            }
            cl.doneLatch.await(120, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "[%s] after the runs: %d of %d connections answered DONE with OK; failures %d%n",
                    label, cl.doneOk.get(), n, cl.failures.get());
        }
    }

    private static void closeQuietly(Conn c) {
        try {
            c.state = -1;
            c.ch.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
