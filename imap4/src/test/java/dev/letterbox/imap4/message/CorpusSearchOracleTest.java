package dev.letterbox.imap4.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.letterbox.core.store.MessageContent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The SEARCH text-matching part of the reference match (issue 3): every query of
 * {@code shared/corpus/oracle/search.jsonl} that is a single text key (FROM, TO, CC, BCC, SUBJECT,
 * BODY, TEXT, HEADER) or a single SENT* date key is evaluated with {@link SearchText} over every
 * corpus message and must match exactly the files the reference server returned. Queries with
 * other grammar (OR, NOT, sizes, ...) belong to the SEARCH evaluator and are skipped here.
 *
 * <p>Exception, with its reason: {@code mailgem_rfc2822-example04.eml} ({@code Date: Thu, 13 Feb 1969
 * 23:32:54 -0330}) is left out of the SENT* queries: the reference server treats this pre-1970 date
 * as later than 2015 (a time_t artefact); we report the date as written (RFC 5322 §3.3), so it is
 * sent before 2000 here.
 */
class CorpusSearchOracleTest {
    private static final String PRE_1970 = "mailgem_rfc2822-example04.eml";
    private static final DateTimeFormatter IMAP_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> search_text_keys_match_reference_server() {
        Optional<Corpus> corpus = Corpus.load();
        assumeTrue(corpus.isPresent(), "shared corpus not found (shared/corpus/oracle above the working directory); skipping");
        Corpus c = corpus.get();
        Map<String, MessageContent> contents = new LinkedHashMap<>();
        c.messages.forEach((f, b) -> contents.put(f, MessageContent.ofBytes(b)));
        List<DynamicTest> tests = new ArrayList<>();
        int matched = 0;
        int total = 0;
        StringBuilder report = new StringBuilder("SEARCH oracle (single text/date keys):\n");
        for (Map<String, Object> q : c.jsonLines("search.jsonl")) {
            String id = (String) q.get("id");
            String cmd = (String) q.get("command");
            Query query = Query.parse(cmd);
            if (query == null) continue;
            List<String> expected = (List<String>) (List<?>) q.get("matches");
            List<String> ours = new ArrayList<>();
            for (var e : contents.entrySet()) {
                if (query.matches(e.getValue())) ours.add(e.getKey());
            }
            if (query.key().startsWith("SENT")) {
                expected = new ArrayList<>(expected);
                expected.remove(PRE_1970);
                ours.remove(PRE_1970);
            }
            total++;
            boolean ok = ours.equals(expected);
            if (ok) matched++;
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(ours);
            List<String> extra = new ArrayList<>(ours);
            extra.removeAll(expected);
            report.append(String.format("  %s %-60s %s%n", id, clip(q.get("command_utf8")), ok ? "OK"
                    : "DIFF missing " + missing + " extra " + extra));
            List<String> want = expected;
            tests.add(DynamicTest.dynamicTest(id + " " + clip(q.get("command_utf8")),
                    () -> assertEquals(want, ours, "missing " + missing + " extra " + extra)));
        }
        report.append("  matched ").append(matched).append('/').append(total).append('\n');
        System.out.print(report);
        return tests.stream();
    }

    private static String clip(Object o) {
        String s = String.valueOf(o).replace("\r\n", " ");
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    /** One key: FROM/TO/CC/BCC/SUBJECT/BODY/TEXT value, HEADER name value, SENTBEFORE/ON/SINCE date. */
    record Query(String key, String header, String value) {
        static Query parse(String cmd) {
            List<String> tok = new ArrayList<>();
            String charset = "UTF-8";
            String s = cmd.substring("SEARCH ".length());
            int i = 0;
            while (i < s.length()) {
                char ch = s.charAt(i);
                if (ch == ' ') {
                    i++;
                } else if (ch == '"') {
                    int e = s.indexOf('"', i + 1);
                    tok.add(s.substring(i + 1, e));
                    i = e + 1;
                } else if (ch == '{') {
                    int e = s.indexOf('}', i);
                    int n = Integer.parseInt(s.substring(i + 1, e).replace("+", ""));
                    tok.add(s.substring(e + 3, e + 3 + n));
                    i = e + 3 + n;
                } else {
                    int e = s.indexOf(' ', i);
                    if (e < 0) e = s.length();
                    tok.add(s.substring(i, e));
                    i = e;
                }
            }
            if (tok.size() >= 2 && tok.get(0).equalsIgnoreCase("CHARSET")) {
                charset = tok.get(1);
                tok = tok.subList(2, tok.size());
            }
            List<String> decoded = new ArrayList<>();
            for (String t : tok) {
                byte[] b = t.getBytes(StandardCharsets.ISO_8859_1);
                decoded.add(new String(b, charset.equalsIgnoreCase("UTF-8") ? StandardCharsets.UTF_8
                        : StandardCharsets.ISO_8859_1));
            }
            String k = decoded.isEmpty() ? "" : decoded.get(0).toUpperCase(Locale.ROOT);
            switch (k) {
                case "FROM", "TO", "CC", "BCC", "SUBJECT", "BODY", "TEXT", "SENTBEFORE", "SENTON", "SENTSINCE":
                    return decoded.size() == 2 ? new Query(k, null, decoded.get(1)) : null;
                case "HEADER":
                    return decoded.size() == 3 ? new Query(k, decoded.get(1), decoded.get(2)) : null;
                default:
                    return null;
            }
        }

        boolean matches(MessageContent m) {
            switch (key) {
                case "HEADER":
                    return SearchText.headerContains(m, header, value);
                case "SENTBEFORE", "SENTON", "SENTSINCE": {
                    LocalDate d = LocalDate.parse(value, IMAP_DATE);
                    // no usable Date: treated as sent long ago (corpus README)
                    LocalDate sent = SearchText.sentDate(m).orElse(LocalDate.of(1900, 1, 1));
                    return key.equals("SENTBEFORE") ? sent.isBefore(d) : key.equals("SENTON") ? sent.equals(d)
                            : !sent.isBefore(d);
                }
                default:
                    return SearchText.contains(m, SearchText.Field.valueOf(key), value);
            }
        }
    }
}
