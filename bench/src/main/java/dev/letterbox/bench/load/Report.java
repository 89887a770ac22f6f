package dev.letterbox.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The figures of one workload run: printed as a table, then as one final JSON line (flat object:
 * {@code "figure": number} and {@code "error.figure": "text"}). Also records the client's own CPU
 * time and, when the server's PID is known, the server's CPU time and RSS.
 */
public final class Report {
    /** One measured figure: name, unit, value, whether higher is better. */
    public record Figure(String name, String unit, double value, boolean higherIsBetter) {
    }

    private final String workload;
    private final String label;
    private final String target;
    private final long serverPid;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private final long startCpu = clientCpuNanos();
    private final long startServerCpu;
    private final ReentrantLock lock = new ReentrantLock();

    public Report(String workload, String label, String target, long serverPid) {
        this.workload = workload;
        this.label = label;
        this.target = target;
        this.serverPid = serverPid;
        this.startServerCpu = serverCpuNanos(serverPid);
    }

    public void add(String name, String unit, double value, boolean higherIsBetter) {
        lock.lock();
        try {
            figures.add(new Figure(name, unit, value, higherIsBetter));
        } finally {
            lock.unlock();
        }
    }

    /** Throughput figure (higher is better). */
    public void rate(String name, String unit, double value) {
        add(name, unit, value, true);
    }

    /** Duration/size figure (lower is better). */
    public void cost(String name, String unit, double value) {
        add(name, unit, value, false);
    }

    public void error(String figure, String message) {
        lock.lock();
        try {
            errors.putIfAbsent(figure, message == null ? "error" : message.replaceAll("[\\r\\n\"\\\\]", " "));
        } finally {
            lock.unlock();
        }
    }

    public void note(String key, String value) {
        lock.lock();
        try {
            notes.put(key, value.replaceAll("[\\r\\n\"\\\\]", " "));
        } finally {
            lock.unlock();
        }
    }

    public List<Figure> figures() {
        lock.lock();
        try {
            return List.copyOf(figures);
        } finally {
            lock.unlock();
        }
    }

    public Map<String, String> errors() {
        lock.lock();
        try {
            return Map.copyOf(errors);
        } finally {
            lock.unlock();
        }
    }

    /** Process CPU time of this (client) JVM, all threads. */
    public static long clientCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** utime+stime of a process from /proc/PID/stat, in nanoseconds (assumes USER_HZ=100). */
    public static long serverCpuNanos(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** VmRSS of a process in KiB, or -1. */
    public static long rssKib(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Live heap of a JVM process after a full GC, in KiB, via {@code jcmd PID GC.run} and
     * {@code GC.heap_info} (the client JDK's jcmd); -1 when not available.
     */
    public static long heapUsedAfterGcKib(long pid) {
        if (pid <= 0) {
            return -1;
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(info);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    /** Prints the table and the final JSON line. */
    public void print(PrintStream out) {
        lock.lock();
        try {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            long cpu = clientCpuNanos();
            long cpuUsed = cpu < 0 ? -1 : cpu - startCpu;
            long sCpu = serverCpuNanos(serverPid);
            out.printf(Locale.ROOT, "%n%s against %s (%s)%n", workload, target, label);
            out.printf(Locale.ROOT, "%-44s %14s  %s%n", "figure", "value", "unit");
            for (Figure f : figures) {
                out.printf(Locale.ROOT, "%-44s %14s  %s%n", f.name(), format(f.value()), f.unit());
            }
            for (var e : errors.entrySet()) {
                out.printf(Locale.ROOT, "%-44s %14s  %s%n", e.getKey(), "ERROR", e.getValue());
            }
            for (var e : notes.entrySet()) {
                out.printf(Locale.ROOT, "note: %s = %s%n", e.getKey(), e.getValue());
            }
            out.printf(Locale.ROOT, "wall %.2f s; client CPU %.2f s (%.0f%% of one core, %d cores)",
                    wall, cpuUsed / 1e9, 100.0 * cpuUsed / 1e9 / wall, Runtime.getRuntime().availableProcessors());
            if (sCpu >= 0 && startServerCpu >= 0) {
                out.printf(Locale.ROOT, "; server CPU %.2f s", (sCpu - startServerCpu) / 1e9);
            }
            out.println();
            StringBuilder j = new StringBuilder("{");
            j.append("\"workload\":\"").append(workload).append("\",\"label\":\"").append(label)
                    .append("\",\"target\":\"").append(target).append('"');
            j.append(String.format(Locale.ROOT, ",\"wall_s\":%.3f,\"client_cpu_s\":%.3f", wall, cpuUsed / 1e9));
            if (sCpu >= 0 && startServerCpu >= 0) {
                j.append(String.format(Locale.ROOT, ",\"server_cpu_s\":%.3f", (sCpu - startServerCpu) / 1e9));
            }
            for (Figure f : figures) {
                j.append(",\"").append(f.name()).append("\":").append(format(f.value()).replace(",", ""));
                j.append(",\"unit.").append(f.name()).append("\":\"").append(f.higherIsBetter() ? "+" : "-")
                        .append(f.unit()).append('"');
            }
            for (var e : errors.entrySet()) {
                j.append(",\"error.").append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            }
            for (var e : notes.entrySet()) {
                j.append(",\"note.").append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            }
            out.println(j.append('}'));
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
