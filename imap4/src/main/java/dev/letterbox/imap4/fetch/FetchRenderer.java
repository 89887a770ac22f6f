package dev.letterbox.imap4.fetch;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.imap4.fetch.FetchAtt.Partial;
import dev.letterbox.imap4.fetch.FetchAtt.Section;
import dev.letterbox.imap4.message.HeaderBlock;
import dev.letterbox.imap4.message.ImapBuf;
import dev.letterbox.imap4.message.MessageStructure;
import dev.letterbox.imap4.message.MimePart;
import dev.letterbox.imap4.message.Sections;
import dev.letterbox.imap4.message.TransferDecoding;
import java.io.IOException;
import java.io.OutputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** Writes FETCH responses. SEAM: implemented by the message/fetch work. */
public final class FetchRenderer {
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
        "Dec"};
    private static final Flag[] SYSTEM_ORDER = {Flag.ANSWERED, Flag.FLAGGED, Flag.DELETED, Flag.SEEN, Flag.DRAFT};

    private FetchRenderer() {
    }

    /**
     * Writes one complete {@code * <msn> FETCH (...)\r\n} response for {@code request}, items in
     * request order, literals for section data (literal8 {@code ~{n}} where RFC 3516 requires).
     *
     * @throws FetchException if an item cannot be answered for this message (nothing is written then)
     */
    public static void render(FetchRequest request, FetchContext ctx, OutputStream out) throws IOException, FetchException {
        Response r = new Response(ctx);
        r.buf.latin1("* ").number(ctx.msn()).latin1(" FETCH (");
        boolean first = true;
        for (FetchAtt att : request.atts()) {
            if (!first) r.buf.write(' ');
            first = false;
            r.item(att);
        }
        r.buf.latin1(")\r\n");
        r.writeTo(out);
    }

    /** One response under construction: text in a buffer plus zero-copy slices spliced in. */
    private static final class Response {
        final FetchContext ctx;
        final ImapBuf buf = new ImapBuf(256);
        private int[] splicePos = new int[4];
        private byte[][] spliceArr = new byte[4][];
        private int[] spliceOff = new int[4];
        private int[] spliceLen = new int[4];
        private int splices;
        private byte[] data;
        private MessageStructure structure;

        Response(FetchContext ctx) {
            this.ctx = ctx;
        }

        void load() {
            if (data != null) return;
            MessageContent c = ctx.content().get();
            data = MessageStructure.bytes(c);
            structure = MessageStructure.of(c, data);
        }

        void item(FetchAtt att) throws FetchException {
            if (att instanceof FetchAtt.Flags) {
                flags();
            } else if (att instanceof FetchAtt.Uid) {
                buf.latin1("UID ").number(ctx.meta().uid());
            } else if (att instanceof FetchAtt.Rfc822Size) {
                buf.latin1("RFC822.SIZE ").number(ctx.meta().size());
            } else if (att instanceof FetchAtt.InternalDate) {
                internalDate();
            } else if (att instanceof FetchAtt.Envelope) {
                load();
                buf.latin1("ENVELOPE ").write(structure.envelope(data));
            } else if (att instanceof FetchAtt.Body) {
                load();
                buf.latin1("BODY ").write(structure.body(data));
            } else if (att instanceof FetchAtt.BodyStructure) {
                load();
                buf.latin1("BODYSTRUCTURE ").write(structure.bodyStructure(data));
            } else if (att instanceof FetchAtt.Rfc822) {
                load();
                buf.latin1("RFC822 ");
                literal(data, 0, data.length, false);
            } else if (att instanceof FetchAtt.Rfc822Header) {
                load();
                MimePart root = structure.root();
                buf.latin1("RFC822.HEADER ");
                literal(data, root.headerStart(), root.bodyStart() - root.headerStart(), false);
            } else if (att instanceof FetchAtt.Rfc822Text) {
                load();
                MimePart root = structure.root();
                buf.latin1("RFC822.TEXT ");
                literal(data, root.bodyStart(), root.bodySize(), false);
            } else if (att instanceof FetchAtt.BodySection s) {
                bodySection(s);
            } else if (att instanceof FetchAtt.Binary b) {
                binary(b);
            } else if (att instanceof FetchAtt.BinarySize b) {
                binarySize(b);
            }
        }

        private void flags() {
            buf.latin1("FLAGS (");
            boolean first = true;
            var flags = ctx.meta().flags();
            for (Flag f : SYSTEM_ORDER) {
                if (flags.contains(f)) {
                    if (!first) buf.write(' ');
                    first = false;
                    buf.latin1(f.name());
                }
            }
            for (Flag f : flags) {
                if (f.isSystem()) continue;
                if (!first) buf.write(' ');
                first = false;
                buf.latin1(f.name());
            }
            if (ctx.recent()) {
                if (!first) buf.write(' ');
                buf.latin1("\\Recent");
            }
            buf.write(')');
        }

        private void internalDate() {
            ZonedDateTime t = ctx.meta().internalDate().atZone(ZoneOffset.UTC);
            buf.latin1("INTERNALDATE \"");
            two(t.getDayOfMonth());
            buf.write('-').latin1(MONTHS[t.getMonthValue() - 1]).write('-');
            int y = t.getYear();
            buf.latin1(String.format("%04d", y)).write(' ');
            two(t.getHour());
            buf.write(':');
            two(t.getMinute());
            buf.write(':');
            two(t.getSecond());
            buf.latin1(" +0000\"");
        }

        private void two(int v) {
            buf.write('0' + v / 10).write('0' + v % 10);
        }

        private void bodySection(FetchAtt.BodySection s) {
            load();
            Section sec = s.section();
            buf.latin1("BODY[");
            sectionName(sec);
            buf.write(']');
            s.partial().ifPresent(p -> buf.write('<').number(p.origin()).write('>'));
            buf.write(' ');
            MimePart part = sec.part().isEmpty() ? structure.root() : structure.find(toArray(sec.part()));
            if (part == null) {
                literal(data, 0, 0, false);
                return;
            }
            switch (sec.text()) {
                case ALL -> {
                    if (sec.part().isEmpty()) slice(0, data.length, s.partial());
                    else slice(part.bodyStart(), part.bodyEnd(), s.partial());
                }
                case MIME -> slice(part.headerStart(), part.headerEnd(), s.partial());
                case HEADER, TEXT, HEADER_FIELDS, HEADER_FIELDS_NOT -> {
                    MimePart msg = part;
                    if (!sec.part().isEmpty()) {
                        if (!part.isMessage() || part.children().isEmpty()) {
                            literal(data, 0, 0, false);
                            return;
                        }
                        msg = part.children().get(0);
                    }
                    switch (sec.text()) {
                        case HEADER -> slice(msg.headerStart(), msg.headerEnd(), s.partial());
                        case TEXT -> slice(msg.bodyStart(), msg.bodyEnd(), s.partial());
                        default -> {
                            HeaderBlock h = msg.header();
                            boolean not = sec.text() == FetchAtt.Text.HEADER_FIELDS_NOT;
                            if (s.partial().isEmpty()) {
                                // written straight into the response: size first, then the fields
                                int n = Sections.headerFieldsSize(h, sec.fields(), not);
                                buf.literalHeader(n, n > 0 && structure.containsNul(data));
                                Sections.headerFields(h, sec.fields(), not, buf);
                            } else {
                                ImapBuf hb = new ImapBuf(256);
                                Sections.headerFields(h, sec.fields(), not, hb);
                                byte[] bytes = hb.toByteArray();
                                slice(bytes, 0, bytes.length, s.partial(), false);
                            }
                        }
                    }
                }
            }
        }

        private void sectionName(Section sec) {
            List<Integer> part = sec.part();
            for (int i = 0; i < part.size(); i++) {
                if (i > 0) buf.write('.');
                buf.number(part.get(i));
            }
            if (sec.text() == FetchAtt.Text.ALL) return;
            if (!part.isEmpty()) buf.write('.');
            switch (sec.text()) {
                case HEADER -> buf.latin1("HEADER");
                case TEXT -> buf.latin1("TEXT");
                case MIME -> buf.latin1("MIME");
                case HEADER_FIELDS, HEADER_FIELDS_NOT -> {
                    buf.latin1(sec.text() == FetchAtt.Text.HEADER_FIELDS ? "HEADER.FIELDS (" : "HEADER.FIELDS.NOT (");
                    for (int i = 0; i < sec.fields().size(); i++) {
                        if (i > 0) buf.write(' ');
                        astring(sec.fields().get(i));
                    }
                    buf.write(')');
                }
                default -> { }
            }
        }

        private void astring(String s) {
            boolean atom = !s.isEmpty();
            for (int i = 0; atom && i < s.length(); i++) {
                char c = s.charAt(i);
                if (c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) atom = false;
            }
            if (atom) buf.latin1(s);
            else buf.string(s);
        }

        private void binary(FetchAtt.Binary b) throws FetchException {
            load();
            buf.latin1("BINARY[");
            partName(b.part());
            buf.write(']');
            b.partial().ifPresent(p -> buf.write('<').number(p.origin()).write('>'));
            buf.write(' ');
            Sections.BinaryData bd = binaryData(b.part());
            if (bd == null) {
                literal(data, 0, 0, false);
            } else if (bd.bytes() == null) {
                MimePart part = structure.find(toArray(b.part()));
                slice(part.bodyStart(), part.bodyEnd(), b.partial());
            } else {
                // whole-message BINARY[] always as literal8 (Dovecot does; RFC 3516 allows it)
                slice(bd.bytes(), 0, bd.bytes().length, b.partial(), bd.decoded() || b.part().isEmpty());
            }
        }

        private void binarySize(FetchAtt.BinarySize b) throws FetchException {
            load();
            buf.latin1("BINARY.SIZE[");
            partName(b.part());
            buf.latin1("] ");
            Sections.BinaryData bd = binaryData(b.part());
            if (bd == null) {
                buf.write('0');
            } else if (bd.bytes() == null) {
                buf.number(structure.find(toArray(b.part())).bodySize());
            } else {
                buf.number(bd.bytes().length);
            }
        }

        /** null when the part does not exist. */
        private Sections.BinaryData binaryData(List<Integer> p) throws FetchException {
            try {
                if (p.isEmpty()) return Sections.binaryEntity(data, structure.root());
                MimePart part = structure.find(toArray(p));
                if (part == null) return null;
                return Sections.binaryBody(data, part);
            } catch (TransferDecoding.UnknownEncodingException e) {
                throw new FetchException("UNKNOWN-CTE", "Unknown Content-Transfer-Encoding");
            } catch (TransferDecoding.DecodingException e) {
                throw new FetchException("PARSE", "Invalid data in MIME part");
            }
        }

        private void partName(List<Integer> part) {
            for (int i = 0; i < part.size(); i++) {
                if (i > 0) buf.write('.');
                buf.number(part.get(i));
            }
        }

        private void slice(int start, int end, Optional<Partial> partial) {
            slice(data, start, end - start, partial, false);
        }

        private void slice(byte[] arr, int off, int len, Optional<Partial> partial, boolean literal8) {
            if (partial.isPresent()) {
                Partial p = partial.get();
                if (p.origin() >= len) {
                    len = 0;
                } else {
                    off += (int) p.origin();
                    len = (int) Math.min(len - p.origin(), p.length());
                }
            }
            literal(arr, off, len, literal8);
        }

        private void literal(byte[] arr, int off, int len, boolean decoded) {
            boolean l8 = len > 0 && (decoded || containsNul(arr, off, len));
            buf.literalHeader(len, l8);
            if (len == 0) return;
            if (len <= 512) {
                buf.write(arr, off, len);
                return;
            }
            if (splices == splicePos.length) {
                int n = splices * 2;
                splicePos = java.util.Arrays.copyOf(splicePos, n);
                spliceArr = java.util.Arrays.copyOf(spliceArr, n);
                spliceOff = java.util.Arrays.copyOf(spliceOff, n);
                spliceLen = java.util.Arrays.copyOf(spliceLen, n);
            }
            splicePos[splices] = buf.size();
            spliceArr[splices] = arr;
            spliceOff[splices] = off;
            spliceLen[splices] = len;
            splices++;
        }

        private boolean containsNul(byte[] arr, int off, int len) {
            if (arr == data && structure != null) return structure.containsNul(data);
            for (int i = off; i < off + len; i++) {
                if (arr[i] == 0) return true;
            }
            return false;
        }

        void writeTo(OutputStream out) throws IOException {
            byte[] b = buf.array();
            int pos = 0;
            for (int i = 0; i < splices; i++) {
                out.write(b, pos, splicePos[i] - pos);
                out.write(spliceArr[i], spliceOff[i], spliceLen[i]);
                pos = splicePos[i];
            }
            out.write(b, pos, buf.size() - pos);
        }

        private static int[] toArray(List<Integer> l) {
            int[] a = new int[l.size()];
            for (int i = 0; i < a.length; i++) a[i] = l.get(i);
            return a;
        }
    }
}
