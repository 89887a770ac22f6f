package dev.letterbox.imap4.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.imap4.fetch.FetchAtt.Partial;
import dev.letterbox.imap4.fetch.FetchAtt.Section;
import dev.letterbox.imap4.fetch.FetchAtt.Text;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trip: any list of fetch items, written in RFC 3501 syntax (random case), parses back to itself. */
class FetchRequestProperties {

    @Property(tries = 500)
    void written_items_parse_back(@ForAll("items") List<FetchAtt> atts, @ForAll boolean lowerCase) throws Exception {
        String text = "(" + atts.stream().map(a -> write(a, lowerCase)).collect(Collectors.joining(" ")) + ")";
        assertThat(FetchRequest.parse(text, false).atts()).isEqualTo(atts);
        if (atts.size() == 1) assertThat(FetchRequest.parse(write(atts.get(0), lowerCase), false).atts()).isEqualTo(atts);
    }

    @Provide
    Arbitrary<List<FetchAtt>> items() {
        Arbitrary<List<Integer>> part = Arbitraries.integers().between(1, 30).list().ofMaxSize(4);
        Arbitrary<Optional<Partial>> partial = Combinators.combine(Arbitraries.longs().between(0, 1L << 31),
                Arbitraries.longs().between(1, 1L << 31)).as(Partial::new).optional().map(o -> o);
        Arbitrary<List<String>> fields = Arbitraries.strings().withCharRange('a', 'z').withChars('-', 'X')
                .ofMinLength(1).ofMaxLength(12).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Section> section = Combinators.combine(part, Arbitraries.of(Text.class), fields).as((p, t, f) -> {
            if (t == Text.MIME && p.isEmpty()) t = Text.ALL;
            boolean hasFields = t == Text.HEADER_FIELDS || t == Text.HEADER_FIELDS_NOT;
            return new Section(p, t, hasFields ? f : List.of());
        });
        Arbitrary<FetchAtt> body = Combinators.combine(section, partial, Arbitraries.of(true, false))
                .as(FetchAtt.BodySection::new);
        Arbitrary<FetchAtt> binary = Combinators.combine(part, partial, Arbitraries.of(true, false)).as(FetchAtt.Binary::new);
        Arbitrary<FetchAtt> size = part.map(FetchAtt.BinarySize::new);
        Arbitrary<FetchAtt> simple = Arbitraries.of(new FetchAtt.Flags(), new FetchAtt.InternalDate(), new FetchAtt.Rfc822Size(),
                new FetchAtt.Uid(), new FetchAtt.Envelope(), new FetchAtt.Body(), new FetchAtt.BodyStructure(),
                new FetchAtt.Rfc822(), new FetchAtt.Rfc822Header(), new FetchAtt.Rfc822Text());
        return Arbitraries.oneOf(simple, body, binary, size).list().ofMinSize(1).ofMaxSize(6);
    }

    private static String write(FetchAtt a, boolean lower) {
        String s;
        if (a instanceof FetchAtt.BodySection b) {
            s = (b.peek() ? "BODY.PEEK[" : "BODY[") + section(b.section()) + "]" + partial(b.partial());
        } else if (a instanceof FetchAtt.Binary b) {
            s = (b.peek() ? "BINARY.PEEK[" : "BINARY[") + dotted(b.part()) + "]" + partial(b.partial());
        } else if (a instanceof FetchAtt.BinarySize b) {
            s = "BINARY.SIZE[" + dotted(b.part()) + "]";
        } else {
            s = switch (a.getClass().getSimpleName()) {
                case "Flags" -> "FLAGS";
                case "InternalDate" -> "INTERNALDATE";
                case "Rfc822Size" -> "RFC822.SIZE";
                case "Uid" -> "UID";
                case "Envelope" -> "ENVELOPE";
                case "Body" -> "BODY";
                case "BodyStructure" -> "BODYSTRUCTURE";
                case "Rfc822" -> "RFC822";
                case "Rfc822Header" -> "RFC822.HEADER";
                default -> "RFC822.TEXT";
            };
        }
        return lower ? lowerOutsideFields(s) : s;
    }

    private static String lowerOutsideFields(String s) {
        int open = s.indexOf('(');
        return open < 0 ? s.toLowerCase() : s.substring(0, open).toLowerCase() + s.substring(open);
    }

    private static String dotted(List<Integer> p) {
        return p.stream().map(String::valueOf).collect(Collectors.joining("."));
    }

    private static String partial(Optional<Partial> p) {
        return p.map(x -> "<" + x.origin() + "." + x.length() + ">").orElse("");
    }

    private static String section(Section s) {
        String p = dotted(s.part());
        String t = switch (s.text()) {
            case ALL -> "";
            case HEADER -> "HEADER";
            case TEXT -> "TEXT";
            case MIME -> "MIME";
            case HEADER_FIELDS -> "HEADER.FIELDS (" + String.join(" ", s.fields()) + ")";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT (" + quoteSome(s.fields()) + ")";
        };
        if (p.isEmpty()) return t;
        return t.isEmpty() ? p : p + "." + t;
    }

    private static String quoteSome(List<String> f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < f.size(); i++) {
            if (i > 0) sb.append(' ');
            sb.append(i % 2 == 0 ? "\"" + f.get(i) + "\"" : "{" + f.get(i).length() + "}\r\n" + f.get(i));
        }
        return sb.toString();
    }
}
