package dev.letterbox.imap4.internal;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.imap4.internal.codec.ImapWriter;
import java.util.ArrayList;
import java.util.List;

/** Writes what a {@link SelectedView} drain reports as untagged responses (RFC 9051 §7.4, §7.5). */
final class UntaggedSink implements SelectedView.Sink {
    private final ImapWriter w;
    private final boolean reportRecent;

    UntaggedSink(ImapWriter w, boolean reportRecent) {
        this.w = w;
        this.reportRecent = reportRecent;
    }

    @Override
    public void expunge(int msn) {
        w.untagged().number(msn).raw(" EXPUNGE").crlf();
    }

    @Override
    public void exists(int count) {
        w.untagged().number(count).raw(" EXISTS").crlf();
    }

    @Override
    public void recent(int count) {
        w.untagged().number(count).raw(" RECENT").crlf();
    }

    @Override
    public void flags(int msn, MessageMeta meta, boolean recent) {
        w.untagged().number(msn).raw(" FETCH (");
        writeFlags(w, meta, recent && reportRecent);
        w.raw(" UID ").number(meta.uid()).raw(")").crlf();
    }

    /** {@code FLAGS (...)}: system flags first, then keywords; \Recent last when asked for. */
    static void writeFlags(ImapWriter w, MessageMeta meta, boolean recent) {
        List<Flag> l = new ArrayList<>(meta.flags());
        l.removeIf(f -> f.equals(Flag.RECENT));
        l.sort((a, b) -> {
            if (a.isSystem() != b.isSystem()) return a.isSystem() ? -1 : 1;
            return a.name().compareToIgnoreCase(b.name());
        });
        w.raw("FLAGS (");
        boolean first = true;
        for (Flag f : l) {
            if (!first) w.sp();
            first = false;
            w.atom(f.name());
        }
        if (recent) {
            if (!first) w.sp();
            w.atom("\\Recent");
        }
        w.raw(")");
    }
}
