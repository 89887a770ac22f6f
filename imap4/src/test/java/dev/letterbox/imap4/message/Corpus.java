package dev.letterbox.imap4.message;

import dev.letterbox.imap4.testsupport.MiniJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Locates and loads the shared oracle corpus ({@code ../shared/corpus} relative to the repository). */
final class Corpus {
    final Path dir;
    /** file name → CRLF-normalised bytes, in ascending name order (= sequence order). */
    final Map<String, byte[]> messages = new LinkedHashMap<>();

    private Corpus(Path dir) {
        this.dir = dir;
    }

    static Optional<Path> locate() {
        String prop = System.getProperty("letterbox.corpus");
        if (prop != null && Files.isRegularFile(Path.of(prop, "oracle", "fetch.jsonl"))) return Optional.of(Path.of(prop));
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 6 && p != null; i++, p = p.getParent()) {
            Path c = p.resolve("shared").resolve("corpus");
            if (Files.isRegularFile(c.resolve("oracle").resolve("fetch.jsonl"))) return Optional.of(c);
        }
        return Optional.empty();
    }

    private static final class Holder {
        static final Optional<Corpus> CORPUS = doLoad();
    }

    static Optional<Corpus> load() {
        return Holder.CORPUS;
    }

    private static Optional<Corpus> doLoad() {
        Optional<Path> dir = locate();
        if (dir.isEmpty()) return Optional.empty();
        Corpus c = new Corpus(dir.get());
        try (Stream<Path> files = Files.list(dir.get().resolve("messages"))) {
            List<Path> sorted = new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList());
            sorted.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path f : sorted) c.messages.put(f.getFileName().toString(), crlf(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(c);
    }

    /** Every LF not preceded by CR becomes CRLF (what APPEND hands to the store). */
    static byte[] crlf(byte[] in) {
        int extra = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) extra++;
        }
        if (extra == 0) return in;
        byte[] out = new byte[in.length + extra];
        int o = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) out[o++] = '\r';
            out[o++] = in[i];
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> jsonLines(String name) {
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("oracle").resolve(name), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) out.add((Map<String, Object>) MiniJson.parse(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> quirks() {
        try {
            return (Map<String, Object>) MiniJson.parse(
                    Files.readString(dir.resolve("oracle").resolve("dovecot-quirks.json"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
