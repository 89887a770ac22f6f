package dev.letterbox.imap4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.imap4.message.SearchText;
import dev.letterbox.imap4.testsupport.MiniJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * End to end in memory: APPEND every corpus message over IMAP (bare LFs become CRLF on APPEND), run
 * every query of {@code oracle/search.jsonl} exactly as recorded, and compare the match set with the
 * reference server's.
 */
class CorpusSearchTest {
    /**
     * Deliberate differences from the reference. s14 uses {@code CHARSET ISO-8859-1}; this server
     * supports US-ASCII and UTF-8 only and answers {@code NO [BADCHARSET (US-ASCII UTF-8)]}.
     */
    static final Map<String, String> EXCEPTIONS = Map.of("s14", "CHARSET ISO-8859-1 is refused with BADCHARSET");

    /**
     * Left out of the SENT* queries: {@code Date: Thu, 13 Feb 1969 23:32:54 -0330}, which the reference
     * treats as later than 2015 (a time_t artefact); we use the date as written (RFC 5322 §3.3).
     */
    static final String PRE_1970 = "mailgem_rfc2822-example04.eml";

    static Optional<Path> corpus() {
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 6 && p != null; i++, p = p.getParent()) {
            Path c = p.resolve("shared").resolve("corpus");
            if (Files.isRegularFile(c.resolve("oracle").resolve("search.jsonl")) && Files.isDirectory(c.resolve("messages"))) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    static boolean searchTextImplemented() {
        try {
            SearchText.contains(MessageContent.ofBytes("Subject: x\r\n\r\ny\r\n".getBytes(StandardCharsets.US_ASCII)),
                    SearchText.Field.SUBJECT, "x");
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    @Test
    void every_recorded_search_matches_the_reference_server() throws IOException {
        Optional<Path> dir = corpus();
        assumeTrue(dir.isPresent(), "corpus not found (../shared/corpus with messages/ and oracle/search.jsonl): skipped");
        assumeTrue(searchTextImplemented(), "SearchText seam not implemented yet: skipped");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.get().resolve("messages"))) {
            files = new ArrayList<>(s.filter(f -> f.getFileName().toString().endsWith(".eml")).toList());
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        ImapHarness h = new ImapHarness(b -> b.appendLimit(50L << 20));
        var c = h.alice();
        c.ok("c CREATE Corpus");
        Map<Integer, String> bySeq = new LinkedHashMap<>();
        int seq = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            c.conn.send(("a" + seq + " APPEND Corpus () \"01-Jan-2020 00:00:00 +0000\" {" + bytes.length + "+}\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            c.conn.send(bytes);
            String out = c.send(""); // the CRLF that ends the APPEND command after its literal
            assertThat(out).as("APPEND of %s", f.getFileName()).contains("a" + seq + " OK");
            bySeq.put(++seq, f.getFileName().toString());
        }
        c.ok("s EXAMINE Corpus");
        int matched = 0, total = 0;
        List<String> mismatches = new ArrayList<>();
        for (String line : Files.readAllLines(dir.get().resolve("oracle").resolve("search.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            @SuppressWarnings("unchecked")
            Map<String, Object> q = (Map<String, Object>) MiniJson.parse(line);
            String id = (String) q.get("id");
            String command = (String) q.get("command");
            @SuppressWarnings("unchecked")
            List<Object> expected = (List<Object>) q.get("matches");
            total++;
            c.conn.send(("q " + command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String out = c.conn.takeOutput();
            List<String> got = new ArrayList<>();
            for (String l : ImapHarness.Client.split(out)) {
                if (l.startsWith("* SEARCH")) {
                    for (String n : l.substring(8).trim().split(" ")) if (!n.isEmpty()) got.add(bySeq.get(Integer.parseInt(n)));
                }
            }
            if (command.startsWith("SEARCH SENT")) {
                expected = new ArrayList<>(expected);
                expected.remove(PRE_1970);
                got.remove(PRE_1970);
            }
            boolean ok = ImapHarness.Client.lastLine(out).startsWith("q OK") && got.equals(expected);
            if (ok) {
                matched++;
            } else if (!EXCEPTIONS.containsKey(id)) {
                mismatches.add(id + ": expected " + expected.size() + " got " + got.size() + " / " + ImapHarness.Client.lastLine(out));
            }
        }
        System.out.printf("corpus SEARCH: %d of %d queries match the reference (%d documented exceptions)%n",
                matched, total, EXCEPTIONS.size());
        assertThat(mismatches).as("queries differing from the reference").isEmpty();
    }
}
