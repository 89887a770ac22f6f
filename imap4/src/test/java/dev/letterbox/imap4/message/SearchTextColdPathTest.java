package dev.letterbox.imap4.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.MessageContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Header keys (RFC 9051 §6.4.4 FROM/TO/CC/BCC/SUBJECT/HEADER) answer from the top-level header alone
 * while a message has no scanned structure; the answer must equal the one from the scanned structure.
 */
class SearchTextColdPathTest {
    private static final String[] FIELDS = {"From", "To", "Cc", "Bcc", "Subject", "X-Odd", "Received", "Date", "Message-ID"};

    private static final String[] SAMPLES = {
        "From: Bench <a@b.test>\r\nSubject: plain zebrafinch\r\n\r\nbody zebrafinch\r\n",
        "Subject: =?utf-8?q?caf=C3=A9?=\r\n =?UTF-8?B?w6l0w6k=?= tail\r\nTO: x@y\r\n\r\n",
        "Subject: \u00e9t\u00e9 raw latin1\r\nSubject: second one\r\n\r\n",
        "Subject: \u00c3\u00a9t\u00c3\u00a9 raw utf8\r\nFrom:\r\n\r\n",
        "no colon line\r\nSubject: after junk\r\n\tfolded\r\n continued\r\n\r\n",
        "Subject: header only, no empty line\r\nFrom: z@z",
        "X-Odd  : spaced name\r\nsubject:lower name\r\n\r\nSubject: in body\r\n",
        "Content-Type: multipart/mixed; boundary=b\r\nSubject: multi\r\n\r\n--b\r\nSubject: inner\r\n\r\nx\r\n--b--\r\n",
        "\r\nSubject: body only\r\n",
        "Subject: =?bogus?Q?x?= =?iso-8859-1?q?Gr=FC=DFe?= STRASSE\r\n\r\n",
    };

    @Test
    void cold_header_search_equals_scanned_search_on_samples() {
        for (String s : SAMPLES) check(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void cold_header_search_equals_scanned_search_on_corpus() {
        Corpus.load().ifPresent(c -> c.messages.values().forEach(SearchTextColdPathTest::check));
    }

    @Test
    void cold_subject_search_finds_encoded_and_folded_text_rfc2047() {
        assertThat(SearchText.contains(content(SAMPLES[1]), SearchText.Field.SUBJECT, "CAFÉÉTÉ")).isTrue();
        assertThat(SearchText.contains(content(SAMPLES[4]), SearchText.Field.SUBJECT, "JUNK\tfolded continued")).isTrue();
        assertThat(SearchText.contains(content(SAMPLES[6]), SearchText.Field.SUBJECT, "in body")).isFalse();
        assertThat(SearchText.contains(content(SAMPLES[7]), SearchText.Field.SUBJECT, "inner")).isFalse();
        assertThat(SearchText.contains(content(SAMPLES[9]), SearchText.Field.SUBJECT, "grüsse strasse")).isTrue();
        assertThat(SearchText.headerContains(content(SAMPLES[3]), "from", "")).isTrue();
        assertThat(SearchText.headerContains(content(SAMPLES[0]), "cc", "")).isFalse();
    }

    private static MessageContent content(String s) {
        return MessageContent.ofBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void check(byte[] data) {
        for (String field : FIELDS) {
            for (String needle : needles(data, field)) {
                MessageContent cold = MessageContent.ofBytes(data);
                boolean coldResult = SearchText.headerContains(cold, field, needle);
                assertThat(cold.cachedStructure()).as("cold header search scans nothing").isEmpty();
                MessageContent scanned = MessageContent.ofBytes(data);
                MessageStructure.of(scanned, data);
                assertThat(SearchText.headerContains(scanned, field, needle))
                        .as("%s contains '%s' in %s", field, needle, new String(data, 0, Math.min(data.length, 200),
                                StandardCharsets.ISO_8859_1))
                        .isEqualTo(coldResult);
            }
        }
    }

    /** Terms that hit and miss: empty, pieces of the field's own text (raw and decoded), a miss. */
    private static List<String> needles(byte[] data, String field) {
        List<String> out = new ArrayList<>(List.of("", "zzqqxx-no-such-text", "a", "\u00e9"));
        HeaderBlock h = HeaderBlock.parse(data, 0, data.length);
        int i = h.indexOf(field);
        if (i >= 0) {
            String raw = h.value(i);
            String decoded = EncodedWords.decode(HeaderBlock.noLf(h.rawValue(i)));
            for (String v : List.of(raw, decoded, decoded.toUpperCase(java.util.Locale.ROOT))) {
                if (v.length() > 3) out.add(v.substring(v.length() / 3, Math.min(v.length(), v.length() / 3 + 12)));
            }
        }
        return out;
    }
}
