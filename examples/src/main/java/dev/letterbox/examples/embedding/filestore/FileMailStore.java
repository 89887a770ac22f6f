package dev.letterbox.examples.embedding.filestore;

import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embedding example 1: a host's own storage behind the Letterbox store SPI, over plain files.
 *
 * <pre>
 * root/
 *   &lt;user, hex-encoded&gt;/
 *     tree                    one line per mailbox: id, selectable, special use, path; then subscriptions
 *     &lt;mailbox id&gt;/
 *       mailbox               uidValidity, uidNext, highestModSeq
 *       index                 one line per message: uid, modSeq, size, internal date, flags
 *       &lt;uid&gt;.eml             the message, exactly as appended
 * </pre>
 *
 * Mailbox directories are named by their stable id, so a rename only rewrites {@code tree}. Metadata
 * files are replaced atomically (write a temp file, then move) after the message file is written, so a
 * crash never leaves an index entry without its message. One lock per user serialises changes (and
 * reads), which is enough for a small host and makes the SPI's UID visibility rule hold trivially. It
 * passes the store TCK ({@code FileMailStoreTckTest}).
 */
public final class FileMailStore implements MailStore {
    private final Path root;
    private final boolean createUsers;
    private final Map<String, FileUserMailboxes> users = new ConcurrentHashMap<>();
    private final AtomicLong uidValidities = new AtomicLong(System.currentTimeMillis() / 1000 & 0x7FFF_FFFFL);
    private final AtomicLong ids = new AtomicLong(System.nanoTime() & 0xFFFF_FFFFL);

    private FileMailStore(Path root, boolean createUsers) {
        this.root = Objects.requireNonNull(root, "root");
        this.createUsers = createUsers;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store under {@code root} that creates a user's directory on first use. */
    public static FileMailStore open(Path root) {
        return new FileMailStore(root, true);
    }

    /** A store that only serves users whose directory exists (see {@link #addUser}). */
    public static FileMailStore openExisting(Path root) {
        return new FileMailStore(root, false);
    }

    public Path root() {
        return root;
    }

    /** Creates a user's directory with an INBOX. */
    public void addUser(String user) {
        users.computeIfAbsent(user, u -> FileUserMailboxes.load(this, u, dir(u), true));
    }

    @Override
    public UserMailboxes open(String user) {
        Objects.requireNonNull(user, "user");
        FileUserMailboxes u = users.get(user);
        if (u != null) return u;
        if (!createUsers && !Files.isDirectory(dir(user))) throw new StoreException.NoSuchMailbox("no such user");
        return users.computeIfAbsent(user, x -> FileUserMailboxes.load(this, x, dir(x), true));
    }

    @Override
    public boolean hasUser(String user) {
        return createUsers || users.containsKey(user) || Files.isDirectory(dir(user));
    }

    private Path dir(String user) {
        return root.resolve(HexFormat.of().formatHex(user.getBytes(StandardCharsets.UTF_8)));
    }

    long nextUidValidity() {
        long v = uidValidities.incrementAndGet() & 0xFFFF_FFFFL;
        return v == 0 ? nextUidValidity() : v;
    }

    String nextId() {
        return Long.toString(ids.incrementAndGet(), 36);
    }
}
