package dev.letterbox.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImapReaderTest {
    private static ImapReader reader(String s, int buffer) {
        return new ImapReader(new WireIn(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)), buffer));
    }

    @Test
    void literals_are_read_byte_exactly_even_when_they_look_like_responses_rfc9051_s4_3() throws IOException {
        String literal = "b1 OK fake\r\n* 9 FETCH {3}\r\n";
        String wire = "* 1 FETCH (BODY[] {" + literal.length() + "}\r\n" + literal + " FLAGS (\\Seen))\r\n"
                + "* 2 FETCH (BODY[HEADER] {0}\r\n)\r\n"
                + "b1 OK FETCH done\r\n";
        for (int buffer = 1; buffer <= 13; buffer += 3) {
            ImapReader.Result r = reader(wire, buffer).readUntilTagged("b1", true);
            assertThat(r.ok()).isTrue();
            assertThat(r.fetches()).isEqualTo(2);
            assertThat(r.untagged()).hasSize(2);
            assertThat(r.tagged()).isEqualTo("b1 OK FETCH done");
            assertThat(r.bytes()).isEqualTo(wire.length());
        }
    }

    @Test
    void tagged_status_and_capabilities() throws IOException {
        ImapReader reader = reader("* CAPABILITY IMAP4rev1 LITERAL+ IDLE\r\nb7 NO [ALERT] nope\r\n", 64);
        ImapReader.Result r = reader.readUntilTagged("b7", false);
        assertThat(r.status()).isEqualTo("NO");
        assertThat(r.ok()).isFalse();
        assertThat(r.untagged()).isEmpty();
        assertThat(reader.capabilities()).isEqualTo("IMAP4REV1 LITERAL+ IDLE");
    }

    @Test
    void literal_markers() {
        assertThat(ImapReader.literalLength("* 1 FETCH (BODY[] {5012}")).isEqualTo(5012);
        assertThat(ImapReader.literalLength("a APPEND x {12+}")).isEqualTo(12);
        assertThat(ImapReader.literalLength("* OK {not a literal}")).isEqualTo(-1);
        assertThat(ImapReader.literalLength("* OK done")).isEqualTo(-1);
        assertThat(ImapReader.literalLength("}")).isEqualTo(-1);
    }
}
