package dev.letterbox.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code summarize}: reads the final JSON line of every {@code *.out} file in a directory (one per
 * workload run), takes per-figure medians for two labels (A = Letterbox, B = GreenMail) and
 * writes a Markdown comparison with the A/B ratio of each figure.
 */
final class Summary {
    /** One run's result line. */
    record Run(String label, String workload, Map<String, String> values) {
    }

    private Summary() {
    }

    static int run(Args args, PrintStream out) throws IOException {
        String a = args.str("a", "letterbox");
        String b = args.str("b", "greenmail");
        List<Run> runs = new ArrayList<>();
        for (String dir : args.list("dir", "")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".out")).sorted().toList()) {
                    Run r = lastJson(f);
                    if (r != null) {
                        runs.add(r);
                    }
                }
            }
        }
        String machine = args.has("machine") ? Files.readString(Path.of(args.str("machine", ""))) : "";
        String md = render(runs, a, b, machine, args.str("title", "Letterbox vs GreenMail"));
        out.print(md);
        if (args.has("out")) {
            Files.writeString(Path.of(args.str("out", "")), md, StandardCharsets.UTF_8);
        }
        return 0;
    }

    static Run lastJson(Path file) throws IOException {
        String last = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("{\"workload\"")) {
                last = line;
            }
        }
        if (last == null) {
            return null;
        }
        Map<String, String> v = parseFlat(last);
        if (num(v.get("idle_held")) < 1000) {
            // per-connection memory below 1,000 connections is GC and allocation noise
            for (String f : List.of("server_heap_per_idle_kib", "server_rss_per_idle_kib")) {
                v.remove(f);
                v.remove("unit." + f);
            }
        }
        return new Run(v.getOrDefault("label", "?"), v.getOrDefault("workload", "?"), v);
    }

    /** Parses a flat JSON object of string/number/null values (the harness's own output). */
    static Map<String, String> parseFlat(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = json.indexOf('{') + 1;
        while (i < json.length()) {
            int k0 = json.indexOf('"', i);
            if (k0 < 0) {
                break;
            }
            int k1 = json.indexOf('"', k0 + 1);
            String key = json.substring(k0 + 1, k1);
            int colon = json.indexOf(':', k1);
            int v = colon + 1;
            String value;
            if (json.charAt(v) == '"') {
                int end = json.indexOf('"', v + 1);
                value = json.substring(v + 1, end);
                i = end + 1;
            } else {
                int end = v;
                while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
                    end++;
                }
                value = json.substring(v, end).trim();
                i = end;
            }
            out.put(key, value);
            i = json.indexOf(',', i) < 0 ? json.length() : json.indexOf(',', i) + 1;
        }
        return out;
    }

    private static double num(String s) {
        try {
            return s == null || s.equals("null") ? Double.NaN : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String render(List<Run> runs, String a, String b, String machine, String title) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        if (!machine.isBlank()) {
            md.append(machine.strip()).append("\n\n");
        }
        md.append("Medians over the rounds (`n` = rounds with a value). Ratio = ").append(a).append('/').append(b)
                .append(" of the raw figure; *advantage* = how many times better ").append(a)
                .append(" is (throughput: A/B, durations and sizes: B/A).\n\n");
        Map<String, List<Run>> byWorkload = new TreeMap<>();
        for (Run r : runs) {
            byWorkload.computeIfAbsent(r.workload(), w -> new ArrayList<>()).add(r);
        }
        for (var e : byWorkload.entrySet()) {
            md.append("## ").append(e.getKey()).append("\n\n");
            List<Run> ra = e.getValue().stream().filter(r -> r.label().equals(a)).toList();
            List<Run> rb = e.getValue().stream().filter(r -> r.label().equals(b)).toList();
            Set<String> figures = new LinkedHashSet<>();
            for (Run r : e.getValue()) {
                for (String k : r.values().keySet()) {
                    if (k.startsWith("unit.")) {
                        figures.add(k.substring(5));
                    }
                }
            }
            md.append("| figure | unit | ").append(a).append(" | ").append(b).append(" | ratio | advantage |\n");
            md.append("|---|---|---:|---:|---:|---|\n");
            for (String f : figures) {
                String unit = unitOf(e.getValue(), f);
                boolean higher = unit.startsWith("+");
                Cell ca = cell(ra, f);
                Cell cb = cell(rb, f);
                md.append("| ").append(f).append(" | ").append(unit.substring(1)).append(" | ").append(ca.text())
                        .append(" | ").append(cb.text()).append(" | ");
                if (!Double.isNaN(ca.median()) && !Double.isNaN(cb.median()) && cb.median() != 0 && ca.median() != 0) {
                    double ratio = ca.median() / cb.median();
                    double adv = higher ? ratio : 1 / ratio;
                    md.append(String.format(Locale.ROOT, "%.3g", ratio)).append(" | ")
                            .append(String.format(Locale.ROOT, "%.3g× %s", adv, adv >= 1 ? "better" : "worse"));
                } else {
                    String why = !Double.isNaN(ca.median()) ? b + " " + failure(rb, f) : a + " " + failure(ra, f);
                    md.append("– | ").append(why);
                }
                md.append(" |\n");
            }
            for (String failed : failedOnly(e.getValue(), figures)) {
                md.append("| ").append(failed).append(" | | ").append(failure(ra, failed).startsWith("error") ? "error" : "—")
                        .append(" | ").append(failure(rb, failed).startsWith("error") ? "error" : "—")
                        .append(" | – | ").append(describe(a, ra, failed)).append("; ").append(describe(b, rb, failed))
                        .append(" |\n");
            }
            md.append(String.format(Locale.ROOT, "| client CPU / wall | s | %s | %s | | the load client's own CPU |\n",
                    cpu(ra), cpu(rb)));
            md.append('\n');
            appendErrorsAndNotes(md, a, ra);
            appendErrorsAndNotes(md, b, rb);
        }
        return md.toString();
    }

    private record Cell(double median, int n, int rounds) {
        String text() {
            if (rounds == 0) {
                return "not run";
            }
            return Double.isNaN(median) ? "—" : Report.format(median) + (n < rounds ? " (n=" + n + "/" + rounds + ")" : "");
        }
    }

    private static Cell cell(List<Run> runs, String figure) {
        List<Double> v = new ArrayList<>();
        for (Run r : runs) {
            double d = num(r.values().get(figure));
            if (!Double.isNaN(d)) {
                v.add(d);
            }
        }
        return new Cell(v.isEmpty() ? Double.NaN : Stats.median(v), v.size(), runs.size());
    }

    private static String unitOf(List<Run> runs, String figure) {
        for (Run r : runs) {
            String u = r.values().get("unit." + figure);
            if (u != null && !u.isEmpty()) {
                return u;
            }
        }
        return "+";
    }

    /** Why a label has no value for a figure: its error for that figure (or the run), or "no result". */
    private static String failure(List<Run> runs, String figure) {
        if (runs.isEmpty()) {
            return "not run";
        }
        for (Run r : runs) {
            for (var kv : r.values().entrySet()) {
                if (kv.getKey().startsWith("error.")) {
                    String f = kv.getKey().substring(6);
                    if (figure.startsWith(f) || f.equals("run") || f.equals("seed") || f.equals("fill") || f.equals("select")) {
                        return "error: " + kv.getValue();
                    }
                }
            }
        }
        return "gave no result";
    }

    /** Figures that only errored (no server produced a value), e.g. STARTTLS where nobody offers it. */
    private static Set<String> failedOnly(List<Run> runs, Set<String> figures) {
        Set<String> out = new LinkedHashSet<>();
        for (Run r : runs) {
            for (String k : r.values().keySet()) {
                if (k.startsWith("error.")) {
                    String f = k.substring(6);
                    boolean covered = f.equals("run") || figures.stream().anyMatch(x -> x.startsWith(f));
                    if (!covered) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }

    private static String describe(String label, List<Run> runs, String figure) {
        String f = failure(runs, figure);
        return label + " " + (f.equals("gave no result") ? "no error" : f);
    }

    private static String cpu(List<Run> runs) {
        if (runs.isEmpty()) {
            return "–";
        }
        List<Double> c = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (Run r : runs) {
            c.add(num(r.values().get("client_cpu_s")));
            w.add(num(r.values().get("wall_s")));
        }
        double mc = Stats.median(c.stream().filter(d -> !d.isNaN()).toList());
        double mw = Stats.median(w.stream().filter(d -> !d.isNaN()).toList());
        return Double.isNaN(mc) ? "–" : Report.format(mc) + " / " + Report.format(mw);
    }

    private static void appendErrorsAndNotes(StringBuilder md, String label, List<Run> runs) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (Run r : runs) {
            for (var kv : r.values().entrySet()) {
                if (kv.getKey().startsWith("error.") || kv.getKey().startsWith("note.")) {
                    seen.merge(kv.getKey(), kv.getValue(), (x, y) -> x.equals(y) ? x : x + " / " + y);
                }
            }
        }
        for (var kv : seen.entrySet()) {
            md.append("- ").append(label).append(' ').append(kv.getKey()).append(": ").append(kv.getValue()).append('\n');
        }
        if (!seen.isEmpty()) {
            md.append('\n');
        }
    }
}
