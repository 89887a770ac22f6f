package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.Authenticator.ScramCredentials;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * A password as written in a users file or kept by the registry. Text forms:
 * <pre>
 *   {PLAIN}secret                                        the secret itself (everything after the scheme)
 *   {PBKDF2-SHA256}ITERATIONS$SALT$HASH                  PBKDF2-HMAC-SHA256, 32-octet HASH
 *   {SCRAM-SHA-256}ITERATIONS$SALT$STOREDKEY$SERVERKEY   RFC 5802 §3 keys (not password-equivalent)
 *   secret                                               no scheme: plain text
 * </pre>
 * SALT, HASH and keys are standard base64 with padding; ITERATIONS is a decimal integer. Scheme names
 * are case-insensitive. A plain password that itself starts with an opening brace must be written with
 * the {@code {PLAIN}} prefix.
 */
public sealed interface StoredPassword {
    int MAX_ITERATIONS = 10_000_000;

    /** Not stored as is: the registry hashes it (and keeps it only if configured to). */
    record Plain(char[] secret) implements StoredPassword {
        @Override
        public String format() {
            return "{PLAIN}" + new String(secret);
        }
    }

    /** {@code hash} = PBKDF2-HMAC-SHA256(SASLprep(password), salt, iterations), which is SCRAM's SaltedPassword. */
    record Pbkdf2(int iterations, byte[] salt, byte[] hash) implements StoredPassword {
        public static Pbkdf2 create(char[] password, int iterations) {
            byte[] salt = Crypto.randomBytes(Crypto.SALT_LENGTH);
            char[] prepared = SaslPrep.prepare(password);
            try {
                if (prepared.length == 0) throw new IllegalArgumentException("password is empty after SASLprep");
                return new Pbkdf2(iterations, salt, Crypto.pbkdf2(prepared, salt, iterations));
            } finally {
                Arrays.fill(prepared, '\0');
            }
        }

        @Override
        public String format() {
            Base64.Encoder b64 = Base64.getEncoder();
            return "{PBKDF2-SHA256}" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }
    }

    /** Only the RFC 5802 keys; a password login recomputes StoredKey from the password. */
    record Scram(ScramCredentials keys) implements StoredPassword {
        @Override
        public String format() {
            Base64.Encoder b64 = Base64.getEncoder();
            return "{SCRAM-SHA-256}" + keys.iterations() + "$" + b64.encodeToString(keys.salt()) + "$"
                    + b64.encodeToString(keys.storedKey()) + "$" + b64.encodeToString(keys.serverKey());
        }
    }

    /** The text form (see the interface documentation). */
    String format();

    /** The SCRAM-SHA-256 keys, empty for {@link Plain}. */
    default ScramCredentials scramKeys() {
        if (this instanceof Pbkdf2 p) return Crypto.scramKeys(p.salt(), p.iterations(), p.hash());
        if (this instanceof Scram s) return s.keys();
        throw new IllegalStateException("plain passwords have no keys until hashed");
    }

    /** Constant-time check of a candidate password (after SASLprep). */
    default boolean matches(char[] candidate) {
        if (candidate.length == 0) return false;
        char[] prepared = SaslPrep.prepare(candidate);
        try {
            if (prepared.length == 0) return false;
            if (this instanceof Pbkdf2 p) {
                return MessageDigest.isEqual(p.hash(), Crypto.pbkdf2(prepared, p.salt(), p.iterations()));
            }
            if (this instanceof Scram s) {
                ScramCredentials k = s.keys();
                byte[] sp = Crypto.pbkdf2(prepared, k.salt(), k.iterations());
                return MessageDigest.isEqual(k.storedKey(), Crypto.scramKeys(k.salt(), k.iterations(), sp).storedKey());
            }
            char[] secret = ((Plain) this).secret();
            char[] preparedSecret = SaslPrep.prepare(secret);
            return MessageDigest.isEqual(new String(preparedSecret).getBytes(UTF_8),
                    new String(prepared).getBytes(UTF_8));
        } finally {
            Arrays.fill(prepared, '\0');
        }
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException with a message fit for "line N: ..." (never containing the secret)
     */
    static StoredPassword parse(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("empty password");
        int close = text.indexOf('}');
        if (!text.startsWith("{") || close < 0 || !isSchemeName(text.substring(1, close))) {
            return new Plain(text.toCharArray());
        }
        String scheme = text.substring(1, close).toUpperCase(Locale.ROOT);
        String value = text.substring(close + 1);
        switch (scheme) {
            case "PLAIN":
                if (value.isEmpty()) throw new IllegalArgumentException("empty password");
                return new Plain(value.toCharArray());
            case "PBKDF2-SHA256": {
                String[] parts = split(value, 3, scheme + " needs ITERATIONS$SALT$HASH");
                int iterations = iterations(parts[0]);
                byte[] salt = salt(parts[1]);
                byte[] hash = base64(parts[2], "hash");
                if (hash.length != Crypto.HASH_LENGTH) {
                    throw new IllegalArgumentException(scheme + " hash must be " + Crypto.HASH_LENGTH + " octets");
                }
                return new Pbkdf2(iterations, salt, hash);
            }
            case "SCRAM-SHA-256": {
                String[] parts = split(value, 4, scheme + " needs ITERATIONS$SALT$STOREDKEY$SERVERKEY");
                int iterations = iterations(parts[0]);
                byte[] salt = salt(parts[1]);
                byte[] storedKey = base64(parts[2], "stored key");
                byte[] serverKey = base64(parts[3], "server key");
                if (storedKey.length != Crypto.HASH_LENGTH || serverKey.length != Crypto.HASH_LENGTH) {
                    throw new IllegalArgumentException(scheme + " keys must be " + Crypto.HASH_LENGTH + " octets");
                }
                return new Scram(new ScramCredentials(salt, iterations, storedKey, serverKey));
            }
            default:
                throw new IllegalArgumentException("unknown password scheme {" + scheme
                        + "} (known: {PLAIN}, {PBKDF2-SHA256}, {SCRAM-SHA-256}; write {PLAIN}{... for a plain password starting with '{')");
        }
    }

    private static boolean isSchemeName(String s) {
        if (s.isEmpty() || s.length() > 32) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) return false;
        }
        return true;
    }

    private static String[] split(String value, int n, String message) {
        String[] parts = value.split("\\$", -1);
        if (parts.length != n) throw new IllegalArgumentException(message);
        return parts;
    }

    private static int iterations(String s) {
        int i;
        try {
            i = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("iterations must be a decimal number");
        }
        if (i < 1 || i > MAX_ITERATIONS) throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS);
        return i;
    }

    private static byte[] salt(String s) {
        byte[] salt = base64(s, "salt");
        if (salt.length == 0) throw new IllegalArgumentException("empty salt");
        return salt;
    }

    private static byte[] base64(String s, String what) {
        return Crypto.base64(s).orElseThrow(() -> new IllegalArgumentException(what + " is not valid base64"));
    }
}
