package dev.letterbox.imap4.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For random MIME trees we build, every part's BODY[p] and MIME header are exactly the bytes we put in. */
class MimeScannerProperties {

    /** A generated part: leaf text, a multipart of children, or a message/rfc822 around a part. */
    record Node(String leafText, List<Node> children, Node inner) {
    }

    @Provide
    Arbitrary<Node> trees() {
        return node(4);
    }

    private Arbitrary<Node> node(int depth) {
        Arbitrary<String> line = Arbitraries.strings().withChars("abc xyz-=.:;\t").ofMinLength(0).ofMaxLength(30)
                .filter(s -> !s.startsWith("--") && !s.startsWith(" ") && !s.startsWith("\t"));
        Arbitrary<Node> leaf = line.list().ofMinSize(0).ofMaxSize(4).map(ls -> new Node(String.join("\r\n", ls), null, null));
        if (depth == 0) return leaf;
        Arbitrary<Node> multi = Arbitraries.lazy(() -> node(depth - 1)).list().ofMinSize(1).ofMaxSize(4)
                .map(ch -> new Node(null, ch, null));
        Arbitrary<Node> msg = Arbitraries.lazy(() -> node(depth - 1)).map(n -> new Node(null, null, n));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(2, multi),
                net.jqwik.api.Tuple.of(1, msg));
    }

    /** Expected sections per part number. */
    record Expect(String path, String mime, String body) {
    }

    /** A built entity: its header and body text, and its built children / encapsulated message. */
    record Built(String header, String body, List<Built> children, Built inner) {
        String text() {
            return header + body;
        }
    }

    private int counter;

    private Built build(Node n, String extraHeader) {
        if (n.leafText() != null) {
            return new Built(extraHeader + "Content-Type: text/plain\r\n\r\n", n.leafText(), null, null);
        }
        if (n.children() != null) {
            String boundary = "bnd" + (counter++) + "x";
            List<Built> kids = new ArrayList<>();
            StringBuilder sb = new StringBuilder("preamble\r\n");
            for (Node c : n.children()) {
                Built k = build(c, "");
                kids.add(k);
                sb.append("--").append(boundary).append("\r\n").append(k.text()).append("\r\n");
            }
            sb.append("--").append(boundary).append("--\r\nepilogue");
            return new Built(extraHeader + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n",
                    sb.toString(), kids, null);
        }
        Built inner = build(n.inner(), "Subject: inner\r\n");
        return new Built(extraHeader + "Content-Type: message/rfc822\r\n\r\n", inner.text(), null, inner);
    }

    private static String join(String p, int i) {
        return p.isEmpty() ? String.valueOf(i) : p + "." + i;
    }

    /** RFC 3501 §6.4.5 numbering of the contents of a message shown at path p. */
    private static void numberMessage(Built m, String p, List<Expect> out) {
        if (m.children() != null) {
            for (int i = 0; i < m.children().size(); i++) {
                Built c = m.children().get(i);
                String cp = join(p, i + 1);
                out.add(new Expect(cp, c.header(), c.body()));
                if (c.children() != null) numberMultipart(c, cp, out);
                if (c.inner() != null) numberMessage(c.inner(), cp, out);
            }
            return;
        }
        String one = join(p, 1);
        out.add(new Expect(one, m.header(), m.body()));
        if (m.inner() != null) numberMessage(m.inner(), one, out);
    }

    private static void numberMultipart(Built mp, String p, List<Expect> out) {
        for (int i = 0; i < mp.children().size(); i++) {
            Built c = mp.children().get(i);
            String cp = join(p, i + 1);
            out.add(new Expect(cp, c.header(), c.body()));
            if (c.children() != null) numberMultipart(c, cp, out);
            if (c.inner() != null) numberMessage(c.inner(), cp, out);
        }
    }

    @Property(tries = 300)
    void every_part_is_served_as_the_exact_slice(@ForAll("trees") Node tree) {
        counter = 0;
        List<Expect> expects = new ArrayList<>();
        Built root = build(tree, "Subject: top\r\n");
        numberMessage(root, "", expects);
        String msg = root.text();
        byte[] d = msg.getBytes(StandardCharsets.ISO_8859_1);
        MessageStructure s = MessageStructure.scan(d);
        for (Expect e : expects) {
            int[] path = java.util.Arrays.stream(e.path().split("\\.")).mapToInt(Integer::parseInt).toArray();
            MimePart p = s.find(path);
            assertThat(p).as("part %s of %s", e.path(), msg).isNotNull();
            assertThat(new String(d, p.bodyStart(), p.bodySize(), StandardCharsets.ISO_8859_1)).as("BODY[%s]", e.path())
                    .isEqualTo(e.body());
            assertThat(new String(d, p.headerStart(), p.headerEnd() - p.headerStart(), StandardCharsets.ISO_8859_1))
                    .as("MIME[%s]", e.path()).isEqualTo(e.mime());
        }
        assertThat(s.root().bodyEnd()).isEqualTo(d.length);
    }
}
