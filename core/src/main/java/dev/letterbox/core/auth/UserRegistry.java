package dev.letterbox.core.auth;

import dev.letterbox.core.auth.internal.StoredPassword;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A built-in, thread-safe user registry for embedded and test use: an {@link Authenticator} that keeps
 * users in memory with PBKDF2-HMAC-SHA256 password hashes (JDK only) and the SCRAM-SHA-256 keys derived
 * from them, so SCRAM works without the clear password.
 *
 * <p>User names are matched case-insensitively ({@link Locale#ROOT}); the principal is the name as
 * registered. Passwords are SASLprep-normalized (RFC 4013 mapping and NFKC) before hashing, as
 * SCRAM clients do. Clear secrets are kept only with {@link Builder#keepClearSecrets(boolean)} (needed
 * by POP3 APOP); otherwise only the hash is kept.
 *
 * <h2>Password strings</h2>
 * {@link #addUser(String, String)}, the users file and {@link #write(Writer)} use these forms:
 * <pre>
 *   {PLAIN}secret                                        a clear password, hashed on load
 *   {PBKDF2-SHA256}ITERATIONS$SALT$HASH                  PBKDF2-HMAC-SHA256 of the UTF-8 password, 32 octets
 *   {SCRAM-SHA-256}ITERATIONS$SALT$STOREDKEY$SERVERKEY   RFC 5802 §3 keys
 *   secret                                               no scheme: a clear password, hashed on load
 * </pre>
 * SALT, HASH and keys are standard base64 with padding. Scheme names are case-insensitive; a clear
 * password starting with an opening brace must be written with the {@code {PLAIN}} prefix. A PBKDF2-SHA256 hash equals
 * SCRAM's SaltedPassword and therefore lets its holder log in with SCRAM-SHA-256: protect such files
 * like passwords, or store {@code {SCRAM-SHA-256}} keys, which are not password-equivalent.
 *
 * <h2>Users file</h2>
 * One {@code ADDRESS:PASSWORD} per line, UTF-8; the address ends at the first {@code :}, the password is
 * the rest of the line verbatim. Blank lines and lines starting with {@code #} are ignored. Errors name
 * the line ({@link UsersFileException#line()}) and never quote the password.
 */
public final class UserRegistry implements Authenticator {
    /** Default PBKDF2 iteration count for new passwords. */
    public static final int DEFAULT_ITERATIONS = 100_000;
    /** The RFC 7677 minimum iteration count; fast enough for tests. */
    public static final int TEST_ITERATIONS = 4096;

    private record Entry(String name, StoredPassword stored, ScramCredentials scram, char[] clear) {
    }

    private final int iterations;
    private final boolean keepClearSecrets;
    private final Map<String, Entry> users = new ConcurrentHashMap<>();
    /**
     * Checked against for unknown users, so a login takes as long whether or not the user exists.
     * Made on first use (not at construction: 100,000 PBKDF2 rounds in a cold JVM delay startup by a
     * third of a second), with the iteration count the registered users actually have.
     */
    private volatile StoredPassword dummy;

    private UserRegistry(Builder b) {
        this.iterations = b.iterations;
        this.keepClearSecrets = b.keepClearSecrets;
    }

    private StoredPassword dummy() {
        StoredPassword d = dummy;
        if (d == null) {
            // the most common PBKDF2 iteration count among the users (users files may use another count than ours)
            int rounds = users.values().stream()
                    .map(Entry::stored)
                    .filter(sp -> sp instanceof StoredPassword.Pbkdf2)
                    .collect(java.util.stream.Collectors.groupingBy(sp -> ((StoredPassword.Pbkdf2) sp).iterations(),
                            java.util.stream.Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(iterations);
            d = StoredPassword.Pbkdf2.create(UUID.randomUUID().toString().toCharArray(), rounds);
            dummy = d; // a benign race: two threads may both compute one
        }
        return d;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A registry with the default settings. */
    public static UserRegistry create() {
        return builder().build();
    }

    /** A registry with {@link #TEST_ITERATIONS}, for fast tests. */
    public static UserRegistry forTests() {
        return builder().iterations(TEST_ITERATIONS).build();
    }

    /** Reads a users file into a registry with default settings. */
    public static UserRegistry load(Path file) throws IOException {
        return create().addFrom(file);
    }

    /** Reads users-file text into a registry with default settings. */
    public static UserRegistry parse(Reader reader) throws IOException {
        return create().addFrom(reader);
    }

    public static final class Builder {
        private int iterations = DEFAULT_ITERATIONS;
        private boolean keepClearSecrets;

        private Builder() {
        }

        /** PBKDF2 iteration count for passwords set or loaded in clear (default {@value UserRegistry#DEFAULT_ITERATIONS}). */
        public Builder iterations(int iterations) {
            if (iterations < 1 || iterations > StoredPassword.MAX_ITERATIONS) {
                throw new IllegalArgumentException("iterations must be 1.." + StoredPassword.MAX_ITERATIONS);
            }
            this.iterations = iterations;
            return this;
        }

        /** Keep clear passwords (only those given in clear) for POP3 APOP. Off by default. */
        public Builder keepClearSecrets(boolean keep) {
            this.keepClearSecrets = keep;
            return this;
        }

        public UserRegistry build() {
            return new UserRegistry(this);
        }
    }

    /** Adds or replaces a user with a clear password, which is hashed. Returns this registry. */
    public UserRegistry setPassword(String user, char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) throw new IllegalArgumentException("empty password");
        put(user, new StoredPassword.Plain(password.clone()));
        return this;
    }

    /** Adds or replaces a user with a password string (see the class documentation). Returns this registry. */
    public UserRegistry addUser(String user, String passwordString) {
        put(user, StoredPassword.parse(Objects.requireNonNull(passwordString, "passwordString")));
        return this;
    }

    public boolean removeUser(String user) {
        return users.remove(key(user)) != null;
    }

    public boolean contains(String user) {
        return users.containsKey(key(user));
    }

    /** Registered user names, sorted. */
    public List<String> users() {
        return users.values().stream().map(Entry::name).sorted().toList();
    }

    /** The {@code {PBKDF2-SHA256}} string for a password, with a fresh salt and this registry's iterations. */
    public String hash(char[] password) {
        if (password.length == 0) throw new IllegalArgumentException("empty password");
        return StoredPassword.Pbkdf2.create(password, iterations).format();
    }

    /** The stored password string of a user, as {@link #write} emits it (never {@code {PLAIN}}). */
    public Optional<String> passwordString(String user) {
        return Optional.ofNullable(users.get(key(user))).map(e -> e.stored().format());
    }

    /** Adds the users of a users file (UTF-8). Returns this registry. */
    public UserRegistry addFrom(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return addFrom(r);
        } catch (UsersFileException e) {
            throw new UsersFileException(file + ":" + e.line() + ": " + e.problem(), e.line(), e.problem());
        }
    }

    /**
     * Adds the users of users-file text. The whole text is checked first: on an error nothing is added.
     *
     * @throws UsersFileException naming the first bad line
     */
    public UserRegistry addFrom(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader br ? br : new BufferedReader(reader);
        List<Entry> parsed = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String line;
        int n = 0;
        while ((line = in.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
            int colon = line.indexOf(':');
            if (colon < 0) throw new UsersFileException(n, "expected ADDRESS:PASSWORD");
            String user = line.substring(0, colon).strip();
            try {
                checkName(user);
                Integer previous = seen.putIfAbsent(key(user), n);
                if (previous != null) throw new IllegalArgumentException("duplicate user " + user + " (first on line " + previous + ")");
                parsed.add(entry(user, StoredPassword.parse(line.substring(colon + 1))));
            } catch (IllegalArgumentException e) {
                throw new UsersFileException(n, e.getMessage());
            }
        }
        for (Entry e : parsed) users.put(key(e.name()), e);
        dummy = null; // the typical iteration count may have changed
        return this;
    }

    /** Writes all users as users-file lines {@code ADDRESS:{SCHEME}...}, sorted, never in clear. */
    public void write(Writer out) throws IOException {
        for (String user : users()) {
            Entry e = users.get(key(user));
            if (e != null) out.write(e.name() + ":" + e.stored().format() + "\n");
        }
        out.flush();
    }

    @Override
    public Optional<Principal> authenticate(String username, char[] password, Optional<String> authzid, AuthContext ctx) {
        Entry e = users.get(key(username));
        if (e == null) {
            dummy().matches(password); // same work as for a real user: no user enumeration by timing
            return Optional.empty();
        }
        if (authzid.isPresent() && !authzid.get().isEmpty() && !key(authzid.get()).equals(key(e.name()))) {
            return Optional.empty();
        }
        return e.stored().matches(password) ? Optional.of(new Principal(e.name())) : Optional.empty();
    }

    @Override
    public Optional<ScramCredentials> scramSha256(String username) {
        return Optional.ofNullable(users.get(key(username))).map(Entry::scram);
    }

    @Override
    public boolean scramSha256Supported() {
        return true;
    }

    @Override
    public Principal principalOf(String username) {
        Entry e = users.get(key(username));
        return new Principal(e == null ? username : e.name());
    }

    @Override
    public Optional<char[]> apopSecret(String username) {
        Entry e = users.get(key(username));
        return e == null || e.clear() == null ? Optional.empty() : Optional.of(e.clear().clone());
    }

    /** The PBKDF2 iteration count used for passwords given in clear. */
    public int iterations() {
        return iterations;
    }

    /** Whether this registry keeps clear secrets (for APOP). */
    public boolean keepsClearSecrets() {
        return keepClearSecrets;
    }

    private void put(String user, StoredPassword stored) {
        checkName(user);
        users.put(key(user), entry(user, stored));
        dummy = null; // the typical iteration count may have changed
    }

    private Entry entry(String user, StoredPassword stored) {
        char[] clear = null;
        if (stored instanceof StoredPassword.Plain p) {
            if (keepClearSecrets) clear = p.secret().clone();
            stored = StoredPassword.Pbkdf2.create(p.secret(), iterations);
            Arrays.fill(p.secret(), '\0');
        }
        return new Entry(user, stored, stored.scramKeys(), clear);
    }

    private static void checkName(String user) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty()) throw new IllegalArgumentException("empty user name");
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c <= ' ' || c == 0x7f || c == ':') {
                throw new IllegalArgumentException("user name contains a space, control character or ':'");
            }
        }
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }

    /** A users-file error; the message starts with the line number and never contains a password. */
    public static final class UsersFileException extends IOException {
        private final int line;
        private final String problem;

        UsersFileException(int line, String problem) {
            this("line " + line + ": " + problem, line, problem);
        }

        UsersFileException(String message, int line, String problem) {
            super(message);
            this.line = line;
            this.problem = problem;
        }

        /** 1-based line number. */
        public int line() {
            return line;
        }

        /** The problem, without the line number. */
        public String problem() {
            return problem;
        }
    }
}
