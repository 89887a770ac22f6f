package dev.letterbox.imap4.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.imap4.fetch.FetchContext;
import dev.letterbox.imap4.fetch.FetchRenderer;
import dev.letterbox.imap4.fetch.FetchRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.BODYSTRUCTURE;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.junit.jupiter.api.Test;

/**
 * Cross-check with a real client's parser: Angus Mail's IMAP provider parses our FETCH responses
 * (ENVELOPE, BODYSTRUCTURE, a body section, RFC822.SIZE) for every corpus message, and the parsed
 * structure has exactly the parts our scanner found.
 */
class AngusClientParsesFetchTest {

    @Test
    void angus_mail_parses_every_corpus_fetch_response() throws Exception {
        var corpus = Corpus.load();
        assumeTrue(corpus.isPresent(), "shared corpus not found; skipping");
        FetchRequest req = FetchRequest.parse("(UID RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER])", false);
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (var e : corpus.get().messages.entrySet()) {
            n++;
            byte[] msg = e.getValue();
            MessageContent c = MessageContent.ofBytes(msg);
            MessageMeta meta = new MessageMeta(n, Set.of(), Instant.EPOCH, msg.length, 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FetchRenderer.render(req, new FetchContext(n, meta, false, () -> c, false), out);
            String line = out.toString(StandardCharsets.ISO_8859_1);
            try {
                FetchResponse r = new FetchResponse(new IMAPResponse(line.substring(0, line.length() - 2), false));
                assertThat(r.getItem(RFC822SIZE.class).size).isEqualTo(msg.length);
                assertThat(r.getItem(ENVELOPE.class)).isNotNull();
                BODYSTRUCTURE bs = r.getItem(BODYSTRUCTURE.class);
                MimePart root = MessageStructure.scan(msg).root();
                assertThat(count(bs)).as("parts").isEqualTo(count(root));
                BODY header = r.getItem(BODY.class);
                assertThat(header.getByteArray().getCount()).isEqualTo(root.bodyStart() - root.headerStart());
            } catch (Exception | AssertionError ex) {
                failures.add(e.getKey() + ": " + ex);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static int count(BODYSTRUCTURE b) {
        if (b.isMulti()) {
            int s = 1;
            for (BODYSTRUCTURE c : b.bodies) s += count(c);
            return s;
        }
        if (b.isNested()) return 1 + count(b.bodies[0]);
        return 1;
    }

    private static int count(MimePart p) {
        if (p.isMultipart()) {
            if (p.children().isEmpty()) return 2; // reported with one empty text part
            int s = 1;
            for (MimePart c : p.children()) s += count(c);
            return s;
        }
        if (p.isMessage() && !p.children().isEmpty()) {
            MimePart m = p.children().get(0);
            return 1 + count(m);
        }
        return 1;
    }
}
