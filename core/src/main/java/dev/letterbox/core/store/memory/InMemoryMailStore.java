package dev.letterbox.core.store.memory;

import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default store: everything in memory, thread-safe, and lean — a message's bytes are
 * held once and shared by its copies, flag sets are shared, and each mailbox keeps its messages in
 * UID-sorted segments so that a million messages cost little more than their bytes.
 *
 * <p>Each user gets {@code INBOX} plus {@code Sent}, {@code Drafts}, {@code Trash}, {@code Junk} and
 * {@code Archive} with their RFC 6154 special uses (configurable), all subscribed. The hierarchy
 * delimiter is {@code /}; missing parents are created as needed.
 *
 * <pre>{@code
 * InMemoryMailStore store = InMemoryMailStore.builder()
 *         .user("alice@example.org")
 *         .autoCreateUsers(false)
 *         .defaultQuota(50_000_000, 10_000)
 *         .build();
 * }</pre>
 */
public final class InMemoryMailStore implements MailStore {
    /** The folders created for every user by default, besides INBOX. */
    public static final Map<MailboxPath, SpecialUse> DEFAULT_FOLDERS = defaultFolders();

    private final ConcurrentHashMap<String, UserTree> users = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Limits> quotas;
    private final boolean autoCreateUsers;
    private final Limits defaultQuota;
    private final Map<MailboxPath, SpecialUse> folders;
    private final FlagSets flagSets = new FlagSets();
    private final AtomicLong ordinals = new AtomicLong();
    private final AtomicLong lastUidValidity = new AtomicLong();
    private final String idPrefix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "-";

    /** Storage limits of one user; -1 means unlimited. */
    public record Limits(long maxBytes, long maxMessages) {
        public static final Limits UNLIMITED = new Limits(-1, -1);

        public Limits {
            if (maxBytes < -1 || maxMessages < -1) throw new IllegalArgumentException("limits must be >= -1");
        }
    }

    private InMemoryMailStore(Builder b) {
        this.autoCreateUsers = b.autoCreateUsers;
        this.defaultQuota = b.defaultQuota;
        this.folders = Collections.unmodifiableMap(new LinkedHashMap<>(b.folders));
        this.quotas = new ConcurrentHashMap<>(b.quotas);
        for (String u : b.users) addUser(u);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A store that creates users on first use, with default folders and no quota. */
    public static InMemoryMailStore create() {
        return builder().build();
    }

    /**
     * Opens (and, if configured, creates) a user's mailboxes. The returned object is shared by all
     * sessions of the user; closing it does nothing.
     *
     * @throws StoreException.NoSuchMailbox if the user is unknown and users are not auto-created
     */
    @Override
    public UserMailboxes open(String user) {
        Objects.requireNonNull(user, "user");
        UserTree t = users.get(user);
        if (t != null) return t;
        if (!autoCreateUsers) throw new StoreException.NoSuchMailbox("no such user");
        return users.computeIfAbsent(user, this::newTree);
    }

    @Override
    public boolean hasUser(String user) {
        return autoCreateUsers || users.containsKey(user);
    }

    /**
     * Adds a user with the default folders, if not present.
     *
     * @return true if the user is new
     */
    public boolean addUser(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty()) throw new IllegalArgumentException("empty user name");
        boolean[] created = {false};
        users.computeIfAbsent(user, u -> {
            created[0] = true;
            return newTree(u);
        });
        return created[0];
    }

    /** The users that exist so far. */
    public Set<String> users() {
        return Set.copyOf(users.keySet());
    }

    /** Sets or changes a user's limits; applies to the next change, even if usage is already above. */
    public void setQuota(String user, Limits limits) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(limits, "limits");
        quotas.put(user, limits);
        UserTree t = users.get(user);
        if (t != null) t.account().setLimits(limits.maxBytes(), limits.maxMessages());
    }

    private UserTree newTree(String user) {
        Limits l = quotas.getOrDefault(user, defaultQuota);
        return new UserTree(this, user, new QuotaAccount(l.maxBytes(), l.maxMessages()), folders);
    }

    FlagSets flagSets() {
        return flagSets;
    }

    long nextOrdinal() {
        return ordinals.incrementAndGet();
    }

    String idPrefix() {
        return idPrefix;
    }

    /**
     * A fresh UIDVALIDITY: the current time in seconds, but always greater than any value handed out
     * before, so a mailbox re-created under an old name never reuses one (RFC 3501 §2.3.1.1).
     */
    long nextUidValidity() {
        long now = System.currentTimeMillis() / 1000;
        return lastUidValidity.updateAndGet(prev -> Math.max(prev + 1, now) & 0xFFFF_FFFFL);
    }

    private static Map<MailboxPath, SpecialUse> defaultFolders() {
        Map<MailboxPath, SpecialUse> m = new LinkedHashMap<>();
        m.put(MailboxPath.of("Sent"), SpecialUse.SENT);
        m.put(MailboxPath.of("Drafts"), SpecialUse.DRAFTS);
        m.put(MailboxPath.of("Trash"), SpecialUse.TRASH);
        m.put(MailboxPath.of("Junk"), SpecialUse.JUNK);
        m.put(MailboxPath.of("Archive"), SpecialUse.ARCHIVE);
        return Collections.unmodifiableMap(m);
    }

    /** Configuration of an {@link InMemoryMailStore}. */
    public static final class Builder {
        private boolean autoCreateUsers = true;
        private Limits defaultQuota = Limits.UNLIMITED;
        private final Map<MailboxPath, SpecialUse> folders = new LinkedHashMap<>(DEFAULT_FOLDERS);
        private final Map<String, Limits> quotas = new LinkedHashMap<>();
        private final Set<String> users = new LinkedHashSet<>();

        private Builder() {
        }

        /** Whether {@link #open} creates unknown users (default true). */
        public Builder autoCreateUsers(boolean on) {
            this.autoCreateUsers = on;
            return this;
        }

        /** Pre-creates users. */
        public Builder user(String... names) {
            for (String n : names) users.add(Objects.requireNonNull(n, "user"));
            return this;
        }

        /** Limits for every user without their own; -1 means unlimited (the default). */
        public Builder defaultQuota(long maxBytes, long maxMessages) {
            this.defaultQuota = new Limits(maxBytes, maxMessages);
            return this;
        }

        /** Limits of one user; -1 means unlimited. */
        public Builder quota(String user, long maxBytes, long maxMessages) {
            quotas.put(Objects.requireNonNull(user, "user"), new Limits(maxBytes, maxMessages));
            return this;
        }

        /** The folders created besides INBOX for each new user (default {@link #DEFAULT_FOLDERS}). */
        public Builder folders(Map<MailboxPath, SpecialUse> folders) {
            this.folders.clear();
            for (var e : folders.entrySet()) {
                if (e.getKey().isInbox()) throw new IllegalArgumentException("INBOX always exists");
                if (e.getKey().segments().size() != 1) throw new IllegalArgumentException("default folders are top-level");
                this.folders.put(e.getKey(), Objects.requireNonNull(e.getValue()));
            }
            return this;
        }

        /** No folders besides INBOX. */
        public Builder noDefaultFolders() {
            folders.clear();
            return this;
        }

        public InMemoryMailStore build() {
            return new InMemoryMailStore(this);
        }
    }
}
