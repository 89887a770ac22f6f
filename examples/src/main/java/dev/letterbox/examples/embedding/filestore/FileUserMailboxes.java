package dev.letterbox.examples.embedding.filestore;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/** One user's mailbox tree, persisted in {@code tree}; every operation holds the user's lock. */
final class FileUserMailboxes implements UserMailboxes {
    private static final char DELIMITER = '/';

    final ReentrantLock lock = new ReentrantLock();
    private final FileMailStore store;
    private final String user;
    private final Path dir;
    private final TreeMap<MailboxPath, FileMailbox> tree = new TreeMap<>();
    private final TreeSet<MailboxPath> subscriptions = new TreeSet<>();

    private FileUserMailboxes(FileMailStore store, String user, Path dir) {
        this.store = store;
        this.user = user;
        this.dir = dir;
    }

    /** Reads the user's tree from disk (creating the directory and INBOX if asked). */
    static FileUserMailboxes load(FileMailStore store, String user, Path dir, boolean create) {
        FileUserMailboxes u = new FileUserMailboxes(store, user, dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw Files2.failure("cannot create user directory", e);
        }
        for (String line : Files2.readLines(dir.resolve("tree"))) {
            String[] f = line.split("\t", 4);
            if (f[0].equals("S")) {
                u.subscriptions.add(MailboxPath.parse(f[1], DELIMITER));
            } else if (f.length == 4) {
                MailboxPath path = MailboxPath.parse(f[3], DELIMITER);
                Optional<SpecialUse> use = f[2].isEmpty() ? Optional.empty() : Optional.of(SpecialUse.valueOf(f[2]));
                u.tree.put(path, FileMailbox.load(u, dir.resolve(f[0]), f[0], path, f[1].equals("1"), use));
            }
        }
        if (create && !u.tree.containsKey(MailboxPath.INBOX)) {
            u.lock.lock();
            try {
                u.put(MailboxPath.INBOX, true, Optional.empty());
                u.subscriptions.add(MailboxPath.INBOX);
                u.save();
            } finally {
                u.lock.unlock();
            }
        }
        return u;
    }

    FileMailStore store() {
        return store;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public List<MailboxInfo> list() {
        lock.lock();
        try {
            List<MailboxInfo> out = new ArrayList<>();
            for (FileMailbox m : tree.values()) out.add(new MailboxInfo(m.path(), m.id(), m.specialUse(), m.selectable()));
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Mailbox open(MailboxPath path) {
        Objects.requireNonNull(path, "path");
        lock.lock();
        try {
            FileMailbox m = tree.get(path);
            if (m == null || !m.selectable()) throw new StoreException.NoSuchMailbox("no mailbox " + path);
            return m;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public MailboxInfo create(MailboxPath path, Optional<SpecialUse> specialUse) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(specialUse, "specialUse");
        checkName(path);
        lock.lock();
        try {
            FileMailbox existing = tree.get(path);
            if (existing != null && existing.selectable()) throw new StoreException.MailboxExists("mailbox " + path + " exists");
            if (existing != null) existing.destroy();
            createParents(path);
            FileMailbox m = put(path, true, specialUse);
            save();
            return new MailboxInfo(m.path(), m.id(), m.specialUse(), true);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(MailboxPath path) {
        Objects.requireNonNull(path, "path");
        if (path.isInbox()) throw new StoreException.NotAllowed("INBOX cannot be deleted");
        lock.lock();
        try {
            FileMailbox m = tree.get(path);
            if (m == null) throw new StoreException.NoSuchMailbox("no mailbox " + path);
            boolean children = hasChildren(path);
            if (!m.selectable() && children) throw new StoreException.NotAllowed(path + " is not selectable and has children");
            m.destroy();
            tree.remove(path);
            if (children) {
                put(path, false, Optional.empty()); // RFC 3501 §6.3.4: the name stays as \Noselect
            } else {
                prunePlaceholders(path.parent());
            }
            save();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rename(MailboxPath from, MailboxPath to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        checkName(to);
        lock.lock();
        try {
            FileMailbox src = tree.get(from);
            if (src == null) throw new StoreException.NoSuchMailbox("no mailbox " + from);
            if (tree.containsKey(to)) throw new StoreException.MailboxExists("mailbox " + to + " exists");
            if (to.isSameOrDescendantOf(from)) throw new StoreException.NotAllowed("cannot rename " + from + " below itself");
            if (from.isInbox()) {
                // RFC 3501 §6.3.5: INBOX's messages move to a new mailbox; INBOX stays, empty
                createParents(to);
                FileMailbox target = put(to, true, Optional.empty());
                src.moveAllInto(target);
            } else {
                List<FileMailbox> moving = new ArrayList<>();
                for (FileMailbox m : tree.values()) {
                    if (m.path().isSameOrDescendantOf(from)) moving.add(m);
                }
                for (FileMailbox m : moving) tree.remove(m.path());
                for (FileMailbox m : moving) {
                    m.setPath(m.path().reparent(from, to));
                    tree.put(m.path(), m);
                }
                createParents(to);
                prunePlaceholders(from.parent());
            }
            save();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Set<MailboxPath> subscriptions() {
        lock.lock();
        try {
            return Set.copyOf(subscriptions);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void subscribe(MailboxPath path) {
        lock.lock();
        try {
            if (subscriptions.add(Objects.requireNonNull(path))) save();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unsubscribe(MailboxPath path) {
        lock.lock();
        try {
            if (subscriptions.remove(Objects.requireNonNull(path))) save();
        } finally {
            lock.unlock();
        }
    }

    // ---- lock held

    private FileMailbox put(MailboxPath path, boolean selectable, Optional<SpecialUse> use) {
        String id = store.nextId();
        FileMailbox m = FileMailbox.create(this, dir.resolve(id), id, path, selectable, use, store.nextUidValidity());
        tree.put(path, m);
        return m;
    }

    private void createParents(MailboxPath path) {
        List<MailboxPath> missing = new ArrayList<>();
        for (Optional<MailboxPath> p = path.parent(); p.isPresent() && !tree.containsKey(p.get()); p = p.get().parent()) {
            missing.add(p.get());
        }
        for (int i = missing.size() - 1; i >= 0; i--) put(missing.get(i), true, Optional.empty());
    }

    private boolean hasChildren(MailboxPath path) {
        MailboxPath next = tree.higherKey(path);
        while (next != null) {
            if (next.isSameOrDescendantOf(path)) return true;
            if (!next.segments().isEmpty() && next.compareTo(path) > 0 && !startsLike(next, path)) return false;
            next = tree.higherKey(next);
        }
        return false;
    }

    private static boolean startsLike(MailboxPath p, MailboxPath prefix) {
        return !p.segments().isEmpty() && !prefix.segments().isEmpty() && p.segments().get(0).equals(prefix.segments().get(0));
    }

    private void prunePlaceholders(Optional<MailboxPath> start) {
        for (Optional<MailboxPath> p = start; p.isPresent(); p = p.get().parent()) {
            FileMailbox m = tree.get(p.get());
            if (m == null || m.selectable() || hasChildren(p.get())) return;
            m.destroy();
            tree.remove(p.get());
        }
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        for (FileMailbox m : tree.values()) {
            lines.add(m.dirName() + "\t" + (m.selectable() ? "1" : "0") + "\t" + m.specialUse().map(Enum::name).orElse("")
                    + "\t" + m.path().join(DELIMITER));
        }
        for (MailboxPath s : subscriptions) lines.add("S\t" + s.join(DELIMITER));
        Files2.writeAtomically(dir.resolve("tree"), lines);
    }

    private static void checkName(MailboxPath path) {
        for (String s : path.segments()) {
            if (s.indexOf(DELIMITER) >= 0 || s.indexOf('\t') >= 0 || s.indexOf('\n') >= 0) {
                throw new StoreException.NotAllowed("mailbox name segment not allowed: " + s);
            }
        }
    }
}
