package dev.letterbox.core.store.memory;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The mailbox tree of one user; {@link InMemoryMailStore#open} hands out this object itself (closing
 * it does nothing). Tree changes take the tree's write lock, then the affected mailboxes' locks.
 */
final class UserTree implements UserMailboxes {
    static final char DELIMITER = '/';

    private final InMemoryMailStore store;
    private final String user;
    private final QuotaAccount account;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TreeMap<MailboxPath, MemMailbox> tree = new TreeMap<>();
    private final TreeSet<MailboxPath> subscriptions = new TreeSet<>();

    UserTree(InMemoryMailStore store, String user, QuotaAccount account, Map<MailboxPath, SpecialUse> defaults) {
        this.store = store;
        this.user = user;
        this.account = account;
        put(MailboxPath.INBOX, true, Optional.empty());
        subscriptions.add(MailboxPath.INBOX);
        defaults.forEach((path, use) -> {
            put(path, true, Optional.of(use));
            subscriptions.add(path);
        });
    }

    QuotaAccount account() {
        return account;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public List<MailboxInfo> list() {
        lock.readLock().lock();
        try {
            List<MailboxInfo> out = new ArrayList<>(tree.size());
            for (MemMailbox m : tree.values()) {
                out.add(new MailboxInfo(m.path(), m.id(), m.specialUse(), m.selectable()));
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Mailbox open(MailboxPath path) {
        Objects.requireNonNull(path, "path");
        lock.readLock().lock();
        try {
            MemMailbox m = tree.get(path);
            if (m == null || !m.selectable()) throw new StoreException.NoSuchMailbox("no mailbox " + path);
            return m;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public MailboxInfo create(MailboxPath path, Optional<SpecialUse> specialUse) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(specialUse, "specialUse");
        checkName(path);
        lock.writeLock().lock();
        try {
            MemMailbox existing = tree.get(path);
            if (existing != null && existing.selectable()) {
                throw new StoreException.MailboxExists("mailbox " + path + " exists");
            }
            createParents(path);
            MemMailbox m = put(path, true, specialUse); // replaces a \Noselect placeholder, if any
            return new MailboxInfo(m.path(), m.id(), m.specialUse(), true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void delete(MailboxPath path) {
        Objects.requireNonNull(path, "path");
        if (path.isInbox()) throw new StoreException.NotAllowed("INBOX cannot be deleted");
        lock.writeLock().lock();
        try {
            MemMailbox m = tree.get(path);
            if (m == null) throw new StoreException.NoSuchMailbox("no mailbox " + path);
            boolean children = hasChildren(path);
            if (!m.selectable() && children) {
                // RFC 3501 §6.3.4: a \Noselect name with inferiors cannot be deleted
                throw new StoreException.NotAllowed(path + " is not selectable and has children");
            }
            m.destroy();
            if (children) {
                put(path, false, Optional.empty());
            } else {
                tree.remove(path);
                prunePlaceholders(path.parent());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void rename(MailboxPath from, MailboxPath to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        checkName(to);
        lock.writeLock().lock();
        try {
            MemMailbox src = tree.get(from);
            if (src == null) throw new StoreException.NoSuchMailbox("no mailbox " + from);
            if (tree.containsKey(to)) throw new StoreException.MailboxExists("mailbox " + to + " exists");
            if (to.isSameOrDescendantOf(from)) {
                throw new StoreException.NotAllowed("cannot rename " + from + " below itself");
            }
            if (from.isInbox()) {
                renameInbox(src, to);
                return;
            }
            List<MemMailbox> moving = new ArrayList<>(tree.subMap(from, true, lastDescendantBound(from), false).values());
            moving.removeIf(m -> !m.path().isSameOrDescendantOf(from));
            for (MemMailbox m : moving) tree.remove(m.path());
            for (MemMailbox m : moving) {
                MailboxPath np = m.path().reparent(from, to);
                m.setPath(np);
                tree.put(np, m);
            }
            createParents(to);
            prunePlaceholders(from.parent());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** RFC 3501 §6.3.5: INBOX's messages move to a new mailbox; INBOX stays, empty; its children stay. */
    private void renameInbox(MemMailbox inbox, MailboxPath to) {
        createParents(to);
        MemMailbox target = put(to, true, Optional.empty()); // invisible to others until the tree lock is released
        MemMailbox.Removed all = inbox.drainAll();
        target.writeLock();
        try {
            target.insertCopies(all); // quota unchanged: same user
        } finally {
            target.unlockWrite();
        }
    }

    @Override
    public Set<MailboxPath> subscriptions() {
        lock.readLock().lock();
        try {
            return Set.copyOf(subscriptions);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void subscribe(MailboxPath path) {
        changeSubscription(path, true);
    }

    @Override
    public void unsubscribe(MailboxPath path) {
        changeSubscription(path, false);
    }

    private void changeSubscription(MailboxPath path, boolean on) {
        Objects.requireNonNull(path, "path");
        lock.writeLock().lock();
        try {
            if (on) subscriptions.add(path);
            else subscriptions.remove(path);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<UserMailboxes.Quota> quota() {
        return account.snapshot();
    }

    // ---- internals, write lock held

    private MemMailbox put(MailboxPath path, boolean selectable, Optional<SpecialUse> use) {
        MemMailbox m = new MemMailbox(store, this, path, selectable, use);
        tree.put(path, m);
        return m;
    }

    private void createParents(MailboxPath path) {
        Optional<MailboxPath> p = path.parent();
        List<MailboxPath> missing = new ArrayList<>();
        while (p.isPresent() && !tree.containsKey(p.get())) {
            missing.add(p.get());
            p = p.get().parent();
        }
        for (int i = missing.size() - 1; i >= 0; i--) put(missing.get(i), true, Optional.empty());
    }

    private boolean hasChildren(MailboxPath path) {
        MailboxPath next = tree.higherKey(path);
        return next != null && next.isSameOrDescendantOf(path);
    }

    /** Removes placeholders that no longer have children, walking up from {@code start}. */
    private void prunePlaceholders(Optional<MailboxPath> start) {
        Optional<MailboxPath> p = start;
        while (p.isPresent()) {
            MemMailbox m = tree.get(p.get());
            if (m == null || m.selectable() || hasChildren(p.get())) return;
            tree.remove(p.get());
            p = p.get().parent();
        }
    }

    /**
     * An exclusive upper bound for the descendants of {@code path} in path order: descendants sort
     * directly after the path itself, before its next sibling.
     */
    private MailboxPath lastDescendantBound(MailboxPath path) {
        List<String> segs = new ArrayList<>(path.segments());
        int last = segs.size() - 1;
        segs.set(last, segs.get(last) + '\0');
        return new MailboxPath(segs);
    }

    private static void checkName(MailboxPath path) {
        for (String s : path.segments()) {
            if (s.indexOf(DELIMITER) >= 0) {
                throw new StoreException.NotAllowed("mailbox name segment contains the delimiter: " + s);
            }
        }
    }
}
