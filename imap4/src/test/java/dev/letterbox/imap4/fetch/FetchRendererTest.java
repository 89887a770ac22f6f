package dev.letterbox.imap4.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FetchRendererTest {
    static final String MSG = "From: Ann <ann@example.org>\r\nSubject: hi\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "pre\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b\r\nContent-Type: text/plain\r\n"
            + "Content-Transfer-Encoding: x-uuencode\r\n\r\nbegin\r\n--b--\r\n";

    static String render(String items, byte[] msg, Set<Flag> flags, boolean recent) throws Exception {
        MessageContent c = MessageContent.ofBytes(msg);
        MessageMeta meta = new MessageMeta(42, flags, Instant.parse("2021-03-04T05:06:07Z"), msg.length, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FetchRenderer.render(FetchRequest.parse(items, false), new FetchContext(7, meta, recent, () -> c, false), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    static String render(String items) throws Exception {
        return render(items, MSG.getBytes(StandardCharsets.ISO_8859_1), Set.of(), false);
    }

    @Test
    void flags_uid_size_and_internaldate_rfc3501_s7_4_2() throws Exception {
        String r = render("(FLAGS UID RFC822.SIZE INTERNALDATE)", MSG.getBytes(StandardCharsets.ISO_8859_1),
                Set.of(Flag.SEEN, Flag.keyword("$Label1")), true);
        assertThat(r).isEqualTo("* 7 FETCH (FLAGS (\\Seen $Label1 \\Recent) UID 42 RFC822.SIZE " + MSG.length()
                + " INTERNALDATE \"04-Mar-2021 05:06:07 +0000\")\r\n");
    }

    @Test
    void peek_answers_as_body_and_partial_echoes_origin() throws Exception {
        assertThat(render("BODY.PEEK[1]<1.3>")).isEqualTo("* 7 FETCH (BODY[1]<1> {3}\r\nell)\r\n");
        assertThat(render("BODY.PEEK[1]<99.3>")).isEqualTo("* 7 FETCH (BODY[1]<99> {0}\r\n)\r\n");
    }

    @Test
    void rfc822_items_answer_under_their_own_names() throws Exception {
        String header = MSG.substring(0, MSG.indexOf("\r\n\r\n") + 4);
        assertThat(render("RFC822.HEADER")).isEqualTo("* 7 FETCH (RFC822.HEADER {" + header.length() + "}\r\n" + header + ")\r\n");
        assertThat(render("RFC822")).isEqualTo("* 7 FETCH (RFC822 {" + MSG.length() + "}\r\n" + MSG + ")\r\n");
        assertThat(render("RFC822.TEXT")).startsWith("* 7 FETCH (RFC822.TEXT {" + (MSG.length() - header.length()) + "}\r\npre");
    }

    @Test
    void mime_header_fields_and_missing_parts() throws Exception {
        assertThat(render("BODY.PEEK[1.MIME]")).isEqualTo("* 7 FETCH (BODY[1.MIME] {28}\r\nContent-Type: text/plain\r\n\r\n)\r\n");
        assertThat(render("BODY.PEEK[HEADER.FIELDS (SUBJECT \"from\")]"))
                .isEqualTo("* 7 FETCH (BODY[HEADER.FIELDS (SUBJECT from)] {44}\r\nFrom: Ann <ann@example.org>\r\nSubject: hi\r\n\r\n)\r\n");
        assertThat(render("BODY.PEEK[9]")).isEqualTo("* 7 FETCH (BODY[9] {0}\r\n)\r\n");
        assertThat(render("BODY.PEEK[1.HEADER]")).isEqualTo("* 7 FETCH (BODY[1.HEADER] {0}\r\n)\r\n");
    }

    @Test
    void binary_with_nul_is_literal8_rfc3516_s4_2() throws Exception {
        assertThat(render("(BINARY.PEEK[2] BINARY.SIZE[2])"))
                .isEqualTo("* 7 FETCH (BINARY[2] ~{3}\r\n\u0000\u0001\u0002 BINARY.SIZE[2] 3)\r\n");
        assertThat(render("BINARY.PEEK[1]")).isEqualTo("* 7 FETCH (BINARY[1] {5}\r\nhello)\r\n");
    }

    @Test
    void unknown_transfer_encoding_fails_with_unknown_cte_and_writes_nothing_rfc3516_s4_3() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] msg = MSG.getBytes(StandardCharsets.ISO_8859_1);
        MessageContent c = MessageContent.ofBytes(msg);
        MessageMeta meta = new MessageMeta(42, Set.of(), Instant.EPOCH, msg.length, 1);
        assertThatThrownBy(() -> FetchRenderer.render(FetchRequest.parse("(FLAGS BINARY.PEEK[3])", false),
                new FetchContext(1, meta, false, () -> c, false), out))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.code()).contains("UNKNOWN-CTE"));
        assertThat(out.size()).isZero();
    }

    @Test
    void envelope_and_body_structure() throws Exception {
        assertThat(render("ENVELOPE")).isEqualTo("* 7 FETCH (ENVELOPE (NIL \"hi\" ((\"Ann\" NIL \"ann\" \"example.org\")) "
                + "((\"Ann\" NIL \"ann\" \"example.org\")) ((\"Ann\" NIL \"ann\" \"example.org\")) NIL NIL NIL NIL NIL))\r\n");
        assertThat(render("BODY")).isEqualTo("* 7 FETCH (BODY ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0)"
                + "(\"application\" \"octet-stream\" NIL NIL NIL \"base64\" 4)"
                + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"x-uuencode\" 5 0) \"mixed\"))\r\n");
    }

    @Test
    void whole_message_is_written_from_the_stored_array_without_copy_and_structure_is_cached() throws Exception {
        byte[] big = ("Subject: x\r\n\r\n" + "y".repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        AtomicInteger cached = new AtomicInteger();
        MessageContent c = new MessageContent() {
            private Object s;

            @Override
            public long size() {
                return big.length;
            }

            @Override
            public InputStream open() {
                throw new AssertionError("in-memory content must not be streamed");
            }

            @Override
            public Optional<byte[]> bytesIfInMemory() {
                return Optional.of(big);
            }

            @Override
            public Optional<Object> cachedStructure() {
                return Optional.ofNullable(s);
            }

            @Override
            public void cacheStructure(Object structure) {
                cached.incrementAndGet();
                s = structure;
            }
        };
        MessageMeta meta = new MessageMeta(1, Set.of(), Instant.EPOCH, big.length, 1);
        boolean[] sawSameArray = new boolean[1];
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (b == big && off == 0 && len == big.length) sawSameArray[0] = true;
            }
        };
        FetchRequest req = FetchRequest.parse("(BODY.PEEK[] ENVELOPE)", false);
        FetchRenderer.render(req, new FetchContext(1, meta, false, () -> c, false), out);
        FetchRenderer.render(req, new FetchContext(1, meta, false, () -> c, false), out);
        assertThat(sawSameArray[0]).isTrue();
        assertThat(cached.get()).isEqualTo(1);
    }
}
