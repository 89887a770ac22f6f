package dev.letterbox.testkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deliberately simple reference model of one user's mailboxes, driven side by side with the store
 * under test by {@link MailStoreTck}'s stateful property. UIDs are the store's to choose; the model
 * adopts them and checks that they ascend.
 */
public final class StoreModel {
    /** Names the folder actions choose from (INBOX always exists besides them). */
    static final List<MailboxPath> POOL = List.of(MailboxPath.of("tck-m0"), MailboxPath.of("tck-m1"),
            MailboxPath.of("tck-m2"), MailboxPath.of("tck-m3"));

    record Msg(byte[] bytes, Set<Flag> flags, Instant date) {
    }

    static final class Box {
        final TreeMap<Long, Msg> msgs = new TreeMap<>();
        long maxUidIssued;
        long lastModSeq;
    }

    private final UserMailboxes store;
    private final Map<MailboxPath, Box> boxes = new LinkedHashMap<>();
    private int counter;

    StoreModel(MailStore store, String user) {
        this.store = store.open(user);
        TckContext.openOrCreate(this.store, MailboxPath.INBOX);
        boxes.put(MailboxPath.INBOX, new Box());
        for (MailboxInfo i : this.store.list()) {
            if (POOL.contains(i.path())) throw new IllegalStateException("fresh store already has " + i.path());
        }
    }

    private List<MailboxPath> paths() {
        return new ArrayList<>(boxes.keySet());
    }

    private MailboxPath pick(int idx) {
        List<MailboxPath> p = paths();
        return p.get(Math.floorMod(idx, p.size()));
    }

    private Mailbox open(MailboxPath p) {
        return store.open(p);
    }

    /** Some UIDs of the box chosen by seed, plus (if {@code ghost}) one that was never there. */
    private UidSet select(Box box, int seed, int count, boolean ghost) {
        List<Long> uids = new ArrayList<>(box.msgs.keySet());
        UidSet.Builder b = UidSet.builder();
        for (int i = 0; i < count && !uids.isEmpty(); i++) b.add(uids.get(Math.floorMod(seed * 31 + i * 17, uids.size())));
        if (ghost) b.add(box.maxUidIssued + 1000);
        return b.build();
    }

    private void issued(Box box, long uid) {
        assertThat(uid).as("UIDs strictly ascend").isGreaterThan(box.maxUidIssued);
        box.maxUidIssued = uid;
    }

    // ---- actions

    void append(int boxIdx, Set<Flag> flags, int dateOffset) {
        MailboxPath p = pick(boxIdx);
        byte[] bytes = Tck.message("model " + (++counter), "x".repeat(counter % 50));
        Instant date = Tck.DATE.plusSeconds(dateOffset);
        MessageMeta m = open(p).append(MessageSource.ofBytes(bytes), flags, date);
        Box box = boxes.get(p);
        issued(box, m.uid());
        Set<Flag> clean = new HashSet<>(flags);
        clean.remove(Flag.RECENT);
        box.msgs.put(m.uid(), new Msg(bytes, Set.copyOf(clean), date));
    }

    void updateFlags(int boxIdx, int seed, int count, FlagOp op, Set<Flag> flags) {
        MailboxPath p = pick(boxIdx);
        Box box = boxes.get(p);
        UidSet sel = select(box, seed, count, true);
        List<MessageMeta> changed = open(p).updateFlags(sel, op, flags);
        Set<Long> expectChanged = new HashSet<>();
        for (long uid : sel) {
            Msg m = box.msgs.get(uid);
            if (m == null) continue;
            Set<Flag> now = new HashSet<>(op == FlagOp.REPLACE ? Set.of() : m.flags());
            if (op == FlagOp.REMOVE) now.removeAll(flags);
            else now.addAll(flags);
            now.remove(Flag.RECENT);
            if (!now.equals(m.flags())) {
                expectChanged.add(uid);
                box.msgs.put(uid, new Msg(m.bytes(), Set.copyOf(now), m.date()));
            }
        }
        assertThat(changed).extracting(MessageMeta::uid).containsExactlyElementsOf(new TreeSet<>(expectChanged));
    }

    void delete(int boxIdx, int seed, int count) {
        MailboxPath p = pick(boxIdx);
        Box box = boxes.get(p);
        UidSet sel = select(box, seed, count, true);
        UidSet gone = open(p).delete(sel);
        UidSet.Builder expect = UidSet.builder();
        for (long uid : sel) if (box.msgs.remove(uid) != null) expect.add(uid);
        assertThat(gone).isEqualTo(expect.build());
    }

    void copy(int fromIdx, int toIdx, int seed, int count, boolean move) {
        MailboxPath from = pick(fromIdx);
        MailboxPath to = pick(toIdx);
        Box src = boxes.get(from);
        Box dst = boxes.get(to);
        UidSet sel = select(src, seed, count, true);
        Mailbox s = open(from);
        Mailbox t = open(to);
        Mailbox.CopyResult r;
        if (move) {
            Optional<Mailbox.CopyResult> atomic = s.moveTo(sel, t);
            if (atomic.isPresent()) {
                r = atomic.get();
            } else { // what the library does for stores without MOVE
                r = s.copyTo(sel, t);
                if (r.sourceUids().length > 0) s.delete(r.sourceSet());
            }
        } else {
            r = s.copyTo(sel, t);
        }
        List<Long> expectSrc = new ArrayList<>();
        for (long uid : sel) if (src.msgs.containsKey(uid)) expectSrc.add(uid);
        assertThat(r.sourceUids()).containsExactly(expectSrc.stream().mapToLong(Long::longValue).toArray());
        List<Msg> copied = new ArrayList<>();
        for (long uid : r.sourceUids()) copied.add(src.msgs.get(uid));
        if (move) for (long uid : r.sourceUids()) src.msgs.remove(uid);
        for (int i = 0; i < copied.size(); i++) {
            issued(dst, r.targetUids()[i]);
            dst.msgs.put(r.targetUids()[i], copied.get(i));
        }
    }

    void createFolder(int poolIdx) {
        MailboxPath p = POOL.get(Math.floorMod(poolIdx, POOL.size()));
        if (boxes.containsKey(p)) return;
        store.create(p, Optional.empty());
        boxes.put(p, new Box());
    }

    void deleteFolder(int idx) {
        MailboxPath p = pick(idx);
        if (p.isInbox()) return;
        store.delete(p);
        boxes.remove(p);
    }

    void renameFolder(int idx, int poolIdx) {
        MailboxPath from = pick(idx);
        MailboxPath to = POOL.get(Math.floorMod(poolIdx, POOL.size()));
        if (boxes.containsKey(to)) return;
        store.rename(from, to);
        if (from.isInbox()) {
            // RFC 3501 §6.3.5: the messages move to a new mailbox with new UIDs, in order; INBOX stays
            Box inbox = boxes.get(from);
            Box moved = new Box();
            List<MessageMeta> got = open(to).metaAfter(0);
            assertThat(got).hasSize(inbox.msgs.size());
            int i = 0;
            for (Msg m : inbox.msgs.values()) {
                long uid = got.get(i++).uid();
                issued(moved, uid);
                moved.msgs.put(uid, m);
            }
            inbox.msgs.clear();
            boxes.put(to, moved);
        } else {
            boxes.put(to, boxes.remove(from));
        }
    }

    // ---- invariant

    void check() {
        Set<MailboxPath> listed = new HashSet<>();
        for (MailboxInfo i : store.list()) if (i.selectable()) listed.add(i.path());
        for (MailboxPath p : POOL) assertThat(listed.contains(p)).as("exists: " + p).isEqualTo(boxes.containsKey(p));
        for (var e : boxes.entrySet()) {
            Mailbox m = open(e.getKey());
            Box box = e.getValue();
            List<MessageMeta> metas = m.metaAfter(0);
            assertThat(metas).extracting(MessageMeta::uid).as("UIDs in " + e.getKey())
                    .containsExactlyElementsOf(box.msgs.keySet());
            var st = m.status();
            assertThat(st.messages()).isEqualTo(box.msgs.size());
            assertThat(st.highestModSeq()).isGreaterThanOrEqualTo(box.lastModSeq);
            box.lastModSeq = st.highestModSeq();
            if (!metas.isEmpty()) assertThat(st.uidNext()).isGreaterThan(metas.get(metas.size() - 1).uid());
            int unseen = 0;
            int deleted = 0;
            long size = 0;
            for (MessageMeta meta : metas) {
                Msg want = box.msgs.get(meta.uid());
                assertThat(meta.flags()).as("flags of " + meta.uid()).isEqualTo(want.flags());
                assertThat(meta.internalDate()).isEqualTo(want.date());
                assertThat(meta.size()).isEqualTo(want.bytes().length);
                assertThat(meta.modSeq()).isLessThanOrEqualTo(st.highestModSeq());
                assertThat(Tck.read(m.content(meta.uid()))).isEqualTo(want.bytes());
                if (!want.flags().contains(Flag.SEEN)) unseen++;
                if (want.flags().contains(Flag.DELETED)) deleted++;
                size += want.bytes().length;
            }
            assertThat(st.unseen()).isEqualTo(unseen);
            assertThat(st.deleted()).isEqualTo(deleted);
            assertThat(st.size()).isEqualTo(size);
            assertThat(m.allUids()).isEqualTo(UidSet.of(box.msgs.keySet().stream().mapToLong(Long::longValue).toArray()));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("model{");
        boxes.forEach((p, b) -> sb.append(p).append('=').append(b.msgs.keySet()).append(' '));
        return sb.append('}').toString();
    }
}
