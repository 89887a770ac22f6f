package dev.letterbox.examples.embedding.filestore;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** One mailbox directory: {@code mailbox} (counters), {@code index} (message metadata), {@code <uid>.eml}. */
final class FileMailbox implements Mailbox {
    private final FileUserMailboxes owner;
    private final Path dir;
    private final String dirName;
    private final MailboxId id;
    private final boolean selectable;
    private final Optional<SpecialUse> specialUse;
    private final TreeMap<Long, MessageMeta> metas = new TreeMap<>();
    private volatile MailboxPath path;
    private long uidValidity;
    private long uidNext = 1;
    private long highestModSeq = 1;
    private boolean removed;

    private FileMailbox(FileUserMailboxes owner, Path dir, String dirName, MailboxPath path, boolean selectable,
                        Optional<SpecialUse> use) {
        this.owner = owner;
        this.dir = dir;
        this.dirName = dirName;
        this.id = new MailboxId(owner.store().root().getFileName() + "/" + dirName);
        this.path = path;
        this.selectable = selectable;
        this.specialUse = use;
    }

    static FileMailbox create(FileUserMailboxes owner, Path dir, String dirName, MailboxPath path, boolean selectable,
                              Optional<SpecialUse> use, long uidValidity) {
        FileMailbox m = new FileMailbox(owner, dir, dirName, path, selectable, use);
        m.uidValidity = uidValidity;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Files2.failure("cannot create mailbox directory", e);
        }
        m.saveCounters();
        m.saveIndex();
        return m;
    }

    static FileMailbox load(FileUserMailboxes owner, Path dir, String dirName, MailboxPath path, boolean selectable,
                            Optional<SpecialUse> use) {
        FileMailbox m = new FileMailbox(owner, dir, dirName, path, selectable, use);
        List<String> counters = Files2.readLines(dir.resolve("mailbox"));
        m.uidValidity = Long.parseLong(counters.get(0));
        m.uidNext = Long.parseLong(counters.get(1));
        m.highestModSeq = Long.parseLong(counters.get(2));
        for (String line : Files2.readLines(dir.resolve("index"))) {
            if (line.isBlank()) continue;
            String[] f = line.split(" ", 5);
            Set<Flag> flags = new LinkedHashSet<>();
            if (f.length > 4 && !f[4].isBlank()) for (String name : f[4].split(" ")) flags.add(Flag.of(name));
            MessageMeta meta = new MessageMeta(Long.parseLong(f[0]), Set.copyOf(flags), Instant.parse(f[3]),
                    Long.parseLong(f[2]), Long.parseLong(f[1]));
            m.metas.put(meta.uid(), meta);
        }
        return m;
    }

    String dirName() {
        return dirName;
    }

    boolean selectable() {
        return selectable;
    }

    Optional<SpecialUse> specialUse() {
        return specialUse;
    }

    void setPath(MailboxPath p) {
        path = p;
    }

    @Override
    public MailboxId id() {
        return id;
    }

    @Override
    public MailboxPath path() {
        return path;
    }

    // ---- reads

    @Override
    public MailboxStatus status() {
        lock();
        try {
            int unseen = 0;
            int deleted = 0;
            long size = 0;
            for (MessageMeta m : metas.values()) {
                if (!m.has(Flag.SEEN)) unseen++;
                if (m.has(Flag.DELETED)) deleted++;
                size += m.size();
            }
            return new MailboxStatus(uidValidity, uidNext, highestModSeq, metas.size(), unseen, deleted, size);
        } finally {
            unlock();
        }
    }

    @Override
    public UidSet allUids() {
        lock();
        try {
            return UidSet.of(metas.keySet().stream().mapToLong(Long::longValue).toArray());
        } finally {
            unlock();
        }
    }

    @Override
    public List<MessageMeta> metaAfter(long uid) {
        lock();
        try {
            return List.copyOf(metas.tailMap(uid, false).values());
        } finally {
            unlock();
        }
    }

    @Override
    public List<MessageMeta> meta(UidSet uids) {
        Objects.requireNonNull(uids, "uids");
        lock();
        try {
            List<MessageMeta> out = new ArrayList<>();
            for (MessageMeta m : metas.values()) if (uids.contains(m.uid())) out.add(m);
            return out;
        } finally {
            unlock();
        }
    }

    @Override
    public MessageContent content(long uid) {
        lock();
        try {
            MessageMeta m = metas.get(uid);
            if (m == null) throw new StoreException.NoSuchMessage("no message with UID " + uid);
            Path file = dir.resolve(uid + ".eml");
            long size = m.size();
            return new MessageContent() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public InputStream open() throws IOException {
                    return Files.newInputStream(file);
                }
            };
        } finally {
            unlock();
        }
    }

    // ---- changes

    @Override
    public MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(internalDate, "internalDate");
        Set<Flag> f = withoutRecent(flags);
        lock();
        try {
            checkSelectable();
            long uid = uidNext;
            long size = writeMessage(uid, source);
            uidNext++;
            MessageMeta meta = new MessageMeta(uid, f, internalDate, size, ++highestModSeq);
            metas.put(uid, meta);
            commit();
            return meta;
        } finally {
            unlock();
        }
    }

    private long writeMessage(long uid, MessageSource source) {
        Path file = dir.resolve(uid + ".eml");
        try (InputStream in = source.open()) {
            return Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw Files2.failure("cannot store message", e);
        }
    }

    @Override
    public List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags) {
        Objects.requireNonNull(op, "op");
        Set<Flag> given = withoutRecent(flags);
        lock();
        try {
            checkSelectable();
            List<MessageMeta> changed = new ArrayList<>();
            long modSeq = highestModSeq + 1;
            for (MessageMeta old : List.copyOf(metas.values())) {
                if (!uids.contains(old.uid())) continue;
                Set<Flag> now = new HashSet<>(old.flags());
                switch (op) {
                    case REPLACE -> {
                        now.clear();
                        now.addAll(given);
                    }
                    case ADD -> now.addAll(given);
                    default -> now.removeAll(given);
                }
                if (now.equals(old.flags())) continue;
                MessageMeta m = new MessageMeta(old.uid(), Set.copyOf(now), old.internalDate(), old.size(), modSeq);
                metas.put(m.uid(), m);
                changed.add(m);
            }
            if (!changed.isEmpty()) {
                highestModSeq = modSeq;
                commit();
            }
            return changed;
        } finally {
            unlock();
        }
    }

    @Override
    public UidSet delete(UidSet uids) {
        Objects.requireNonNull(uids, "uids");
        lock();
        try {
            checkSelectable();
            List<Long> gone = new ArrayList<>();
            for (Long uid : List.copyOf(metas.keySet())) if (uids.contains(uid)) gone.add(uid);
            if (gone.isEmpty()) return UidSet.empty();
            for (Long uid : gone) metas.remove(uid);
            highestModSeq++;
            commit(); // the index first: a crash leaves an orphan file, never a dangling entry
            for (Long uid : gone) deleteQuietly(dir.resolve(uid + ".eml"));
            return UidSet.of(gone.stream().mapToLong(Long::longValue).toArray());
        } finally {
            unlock();
        }
    }

    @Override
    public CopyResult copyTo(UidSet uids, Mailbox target) {
        Objects.requireNonNull(uids, "uids");
        List<MessageMeta> picked = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        lock();
        try {
            checkSelectable();
            for (MessageMeta m : metas.values()) {
                if (!uids.contains(m.uid())) continue;
                picked.add(m);
                try {
                    bodies.add(Files.readAllBytes(dir.resolve(m.uid() + ".eml")));
                } catch (IOException e) {
                    throw Files2.failure("cannot read message", e);
                }
            }
        } finally {
            unlock(); // released before the target is locked: copies in opposite directions cannot deadlock
        }
        if (target instanceof FileMailbox t && t.owner.store() == owner.store()) {
            t.lock();
            try {
                t.checkSelectable();
                long[] dst = new long[picked.size()];
                long modSeq = t.highestModSeq + 1;
                for (int i = 0; i < dst.length; i++) {
                    MessageMeta m = picked.get(i);
                    long uid = t.uidNext;
                    t.writeMessage(uid, MessageSource.ofBytes(bodies.get(i)));
                    t.uidNext++;
                    t.metas.put(uid, new MessageMeta(uid, m.flags(), m.internalDate(), m.size(), modSeq));
                    dst[i] = uid;
                }
                if (dst.length > 0) {
                    t.highestModSeq = modSeq;
                    t.commit();
                }
                return new CopyResult(t.uidValidity, picked.stream().mapToLong(MessageMeta::uid).toArray(), dst);
            } finally {
                t.unlock();
            }
        }
        long[] dst = new long[picked.size()];
        for (int i = 0; i < dst.length; i++) {
            dst[i] = target.append(MessageSource.ofBytes(bodies.get(i)), picked.get(i).flags(), picked.get(i).internalDate()).uid();
        }
        return new CopyResult(target.status().uidValidity(), picked.stream().mapToLong(MessageMeta::uid).toArray(), dst);
    }

    /** INBOX rename: every message moves to {@code target} with new UIDs. The owner's lock is held. */
    void moveAllInto(FileMailbox target) {
        List<MessageMeta> all = List.copyOf(metas.values());
        if (all.isEmpty()) return;
        long modSeq = target.highestModSeq + 1;
        for (MessageMeta m : all) {
            long uid = target.uidNext++;
            try {
                Files.move(dir.resolve(m.uid() + ".eml"), target.dir.resolve(uid + ".eml"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw Files2.failure("cannot move message", e);
            }
            target.metas.put(uid, new MessageMeta(uid, m.flags(), m.internalDate(), m.size(), modSeq));
        }
        target.highestModSeq = modSeq;
        target.commit();
        metas.clear();
        highestModSeq++;
        commit();
    }

    /** The mailbox is gone: later calls through old references fail. The owner's lock is held. */
    void destroy() {
        removed = true;
        metas.clear();
        Files2.deleteTree(dir);
    }

    // ---- persistence and locking (the user's lock guards everything)

    private void commit() {
        saveIndex();
        saveCounters();
    }

    private void saveCounters() {
        Files2.writeAtomically(dir.resolve("mailbox"), List.of(Long.toString(uidValidity), Long.toString(uidNext),
                Long.toString(highestModSeq)));
    }

    private void saveIndex() {
        List<String> lines = new ArrayList<>();
        for (MessageMeta m : metas.values()) {
            StringBuilder sb = new StringBuilder().append(m.uid()).append(' ').append(m.modSeq()).append(' ').append(m.size())
                    .append(' ').append(m.internalDate());
            for (Flag f : m.flags()) sb.append(' ').append(f.name());
            lines.add(sb.toString());
        }
        Files2.writeAtomically(dir.resolve("index"), lines);
    }

    private void lock() {
        owner.lock.lock();
        if (removed) {
            owner.lock.unlock();
            throw new StoreException.NoSuchMailbox("mailbox " + path + " was deleted");
        }
    }

    private void unlock() {
        owner.lock.unlock();
    }

    private void checkSelectable() {
        if (!selectable) throw new StoreException.NoSuchMailbox(path + " is not selectable");
    }

    private static Set<Flag> withoutRecent(Set<Flag> flags) {
        Set<Flag> s = new HashSet<>(flags);
        s.remove(Flag.RECENT);
        return Set.copyOf(s);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // an orphan file is harmless: the index no longer names it
        }
    }
}
