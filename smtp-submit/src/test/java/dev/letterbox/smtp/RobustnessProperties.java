package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.MemoryConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever a client sends, however split, every reply is well-formed and no internal error escapes. */
class RobustnessProperties {
    @Provide
    Arbitrary<String> stream() {
        Arbitrary<String> tokens = Arbitraries.of("EHLO x\r\n", "HELO y\r\n", "AUTH PLAIN " + Smtp.plain("alice@example.com", "secret") + "\r\n",
                "AUTH LOGIN\r\n", "*\r\n", "MAIL FROM:<alice@example.com>\r\n", "MAIL FROM:<alice@example.com> SIZE=10 BODY=8BITMIME\r\n",
                "RCPT TO:<bob@example.com>\r\n", "RCPT TO:<b@example.com> NOTIFY=FAILURE\r\n", "DATA\r\n", "BDAT 5\r\n",
                "BDAT 3 LAST\r\n", "BDAT 0 LAST\r\n", "RSET\r\n", "NOOP\r\n", "VRFY a\r\n", "HELP\r\n", "STARTTLS\r\n",
                ".\r\n", "..x\r\n", "\r\n", "\n", "\r", ".", "hello", "\u00e9\u0000", "MAIL FROM:<\"x\r\n", "RCPT TO:<>\r\n", "QUIT\r\n");
        return tokens.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    @Property(tries = 300)
    void replies_are_well_formed_for_any_input(@ForAll("stream") String input,
                                               @ForAll List<@IntRange(min = 1, max = 9) Integer> splits) {
        RecordingHandler handler = new RecordingHandler();
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).maxMessageSize(64).maxErrors(1000).build();
        MemoryConnection c = MemoryConnection.open(p);
        StringBuilder out = new StringBuilder(c.takeOutput());
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        for (int i = 0; pos < bytes.length && c.isOpen(); i++) {
            int n = Math.min(bytes.length - pos, splits.isEmpty() ? bytes.length : splits.get(i % splits.size()));
            byte[] part = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
            pos += n;
            c.send(part);
            out.append(c.takeOutput());
        }
        c.disconnect();
        for (String line : out.toString().split("\r\n")) {
            assertThat(line).matches("[2345][0-9]{2}[ -].*");
            assertThat(line).doesNotStartWith("421 4.3.0"); // internal error
        }
        assertThat(out.toString()).endsWith("\r\n");
        assertThat(handler.messages).allSatisfy(m -> assertThat(m.length).isLessThanOrEqualTo(64 + 1024));
    }
}
