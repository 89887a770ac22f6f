package dev.letterbox.imap4.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.UidSet;
import dev.letterbox.imap4.internal.codec.Cursor;
import dev.letterbox.imap4.internal.codec.Framer;
import dev.letterbox.imap4.internal.codec.ImapWriter;
import dev.letterbox.imap4.internal.codec.MUtf7;
import dev.letterbox.imap4.internal.codec.SequenceSet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips: whatever the encoder writes, the parser reads back unchanged. */
class CodecPropertiesTest {
    private static final Framer.Policy ACCEPT = new Framer.Policy() {
        @Override
        public Optional<Framer.Refusal> decide(byte[] l, long buffered, long size, boolean nonSync, boolean binary) {
            return Optional.empty();
        }

        @Override
        public void continuation() {
        }
    };

    /** Sends {@code "t CMD " + encoded + CRLF} through framer and cursor; returns the cursor after "t CMD ". */
    private static Cursor parse(ImapWriter w, boolean utf8) {
        ImapWriter line = new ImapWriter().utf8(utf8).raw("t CMD ");
        line.raw(w.toByteArray()).raw("\r\n");
        Framer f = new Framer(1 << 20, 1 << 20, null, ACCEPT);
        var u = (Framer.Unit.Command) f.next(ByteBuffer.wrap(line.toByteArray()));
        Cursor c = new Cursor(u.frame(), utf8, 8);
        c.tag();
        c.sp();
        c.atom();
        c.sp();
        return c;
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0001', '\u00ff').withChars("\r\n\"\\日本語€").ofMaxLength(60)
                .filter(s -> !s.contains("\0"));
    }

    @Property
    void any_string_survives_string_encoding(@ForAll("text") String s) {
        Cursor c = parse(new ImapWriter().string(s), false);
        assertThat(c.string()).isEqualTo(s);
        c.end();
        assertThat(c.ok()).isTrue();
    }

    @Property
    void any_non_empty_string_survives_astring_encoding(@ForAll("text") String s) {
        Cursor c = parse(new ImapWriter().utf8(true).astring(s), true);
        assertThat(c.astring()).isEqualTo(s);
        c.end();
        assertThat(c.ok()).isTrue();
    }

    @Property
    void nstrings_survive(@ForAll("text") String s, @ForAll boolean nil) {
        String v = nil ? null : s;
        Cursor c = parse(new ImapWriter().nstring(v), false);
        assertThat(c.nstring()).isEqualTo(v);
    }

    @Provide
    Arbitrary<String> mailboxNames() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("äöü日本語&-,/€😀").ofMinLength(1).ofMaxLength(30)
                .filter(s -> !s.equalsIgnoreCase("INBOX"))
                .filter(s -> new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8).equals(s));
    }

    @Property
    void modified_utf7_round_trips(@ForAll("mailboxNames") String name) {
        String enc = MUtf7.encode(name);
        assertThat(enc.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e)).isTrue();
        assertThat(MUtf7.decode(enc)).isEqualTo(name);
    }

    @Property
    void mailbox_names_survive_writer_and_cursor(@ForAll("mailboxNames") String name, @ForAll boolean utf8) {
        Cursor c = parse(new ImapWriter().utf8(utf8).mailbox(name), utf8);
        assertThat(c.mailbox()).isEqualTo(name);
        assertThat(c.ok()).isTrue();
    }

    @Property
    void atoms_survive(@ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0x21, max = 0x7e) Integer> chars) {
        StringBuilder sb = new StringBuilder();
        for (int ch : chars) if (Cursor.isAtomChar(ch)) sb.append((char) ch);
        if (sb.length() == 0) return;
        Cursor c = Cursor.of(sb + " x");
        assertThat(c.atom()).isEqualTo(sb.toString());
    }

    @Property
    void sequence_sets_round_trip(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 1000) Integer> ends) {
        List<SequenceSet.Range> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < ends.size() + 1; i += 2) {
            long a = ends.get(i) == 0 ? SequenceSet.STAR : ends.get(i);
            long b = i + 1 < ends.size() ? (ends.get(i + 1) == 0 ? SequenceSet.STAR : ends.get(i + 1)) : a;
            ranges.add(new SequenceSet.Range(a, b));
        }
        SequenceSet s = new SequenceSet(ranges, false);
        Cursor c = Cursor.of(s.toString());
        SequenceSet back = c.sequenceSet();
        c.end();
        assertThat(c.ok()).isTrue();
        assertThat(back.toString()).isEqualTo(s.toString());
    }

    @Property
    void uid_set_text_is_a_valid_sequence_set(@ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 200) Integer> uids) {
        UidSet set = UidSet.of(uids.stream().mapToLong(Integer::longValue).toArray());
        Cursor c = Cursor.of(set.toString());
        SequenceSet parsed = c.sequenceSet();
        assertThat(c.ok()).isTrue();
        UidSet.Builder b = UidSet.builder();
        for (var r : parsed.ranges()) b.addRange(r.a(), r.b());
        assertThat(b.build()).isEqualTo(set);
    }
}
