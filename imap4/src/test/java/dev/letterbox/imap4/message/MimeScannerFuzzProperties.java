package dev.letterbox.imap4.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.imap4.fetch.FetchContext;
import dev.letterbox.imap4.fetch.FetchException;
import dev.letterbox.imap4.fetch.FetchRenderer;
import dev.letterbox.imap4.fetch.FetchRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * Broken MIME from random fragments (boundaries of several nesting levels, missing separators and
 * end boundaries, stray headers, encoded data): the scanner never fails, every part's offsets are
 * ordered and nested inside its parent, and every FETCH item renders into a response a real client
 * parser (Angus Mail) accepts.
 */
class MimeScannerFuzzProperties {
    private static final List<String> FRAGMENTS = List.of(
            "Content-Type: multipart/mixed; boundary=a\r\n", "Content-Type: multipart/alternative; boundary=\"ab\"\r\n",
            "Content-Type: multipart/digest; boundary=a\r\n", "Content-Type: message/rfc822\r\n",
            "Content-Type: text/plain; charset=utf-8\r\n", "Content-Type: text\r\n", "Content-Type: ;;\r\n",
            "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n",
            "Content-Transfer-Encoding: x-uuencode\r\n", "Subject: =?utf-8?q?x=C3=A9?= \r\n", "From: a <b@c>, (x) d@e\r\n",
            "To: g: h@i;\r\n", " folded\r\n", "\r\n", "\r\n", "\r\n", "--a\r\n", "--a--\r\n", "--ab\r\n", "--ab--\r\n",
            "--a", "text line\r\n", "QUJD\r\n", "=C3=A9=\r\n", "=ZZ\r\n", "\u00e9\u00e8\r\n", "no newline", "--\r\n");

    @Provide
    Arbitrary<String> messages() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 400)
    void scanner_is_total_and_responses_parse(@ForAll("messages") String text) throws Exception {
        byte[] d = text.getBytes(StandardCharsets.ISO_8859_1);
        MessageStructure s = MessageStructure.scan(d);
        check(s.root(), 0, d.length);
        MessageContent c = MessageContent.ofBytes(d);
        MessageMeta meta = new MessageMeta(1, Set.of(), Instant.EPOCH, d.length, 1);
        String[] items = {"(ENVELOPE BODYSTRUCTURE BODY)", "(BODY.PEEK[1] BODY.PEEK[1.MIME] BODY.PEEK[2.1.TEXT] BODY.PEEK[TEXT])",
            "(BODY.PEEK[HEADER.FIELDS (SUBJECT)] BODY.PEEK[1.HEADER.FIELDS.NOT (FROM)] BODY.PEEK[]<3.7>)",
            "(BINARY.PEEK[1] BINARY.SIZE[1])", "BINARY.PEEK[]", "BINARY.SIZE[1.1]"};
        for (String item : items) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                FetchRenderer.render(FetchRequest.parse(item, false), new FetchContext(1, meta, false, () -> c, false), out);
            } catch (FetchException e) {
                assertThat(out.size()).isZero();
                continue;
            }
            String line = out.toString(StandardCharsets.ISO_8859_1);
            assertThat(line).startsWith("* 1 FETCH (").endsWith(")\r\n");
            if (item.contains("BINARY")) {
                // Angus Mail does not know RFC 3516 items; check the syntax with our own reader
                String[] nv = ImapValue.splitItem(line.substring("* 1 FETCH (".length(), line.length() - 3));
                ImapValue v = new ImapValue(nv[1]);
                v.value();
                continue;
            }
            FetchResponse r = new FetchResponse(new IMAPResponse(line.substring(0, line.length() - 2), false));
            assertThat(r.getItemCount()).isPositive();
        }
        for (var f : SearchText.Field.values()) SearchText.contains(c, f, "x\u00e9");
    }

    private static void check(MimePart p, int lo, int hi) {
        assertThat(p.headerStart()).isBetween(lo, hi);
        assertThat(p.headerEnd()).isBetween(p.headerStart(), hi);
        assertThat(p.bodyStart()).isBetween(p.headerEnd(), hi);
        assertThat(p.bodyEnd()).isBetween(p.bodyStart(), hi);
        int prev = p.bodyStart();
        for (MimePart c : p.children()) {
            assertThat(c.headerStart()).isGreaterThanOrEqualTo(prev);
            check(c, p.bodyStart(), p.bodyEnd());
            prev = c.bodyEnd();
        }
    }
}
