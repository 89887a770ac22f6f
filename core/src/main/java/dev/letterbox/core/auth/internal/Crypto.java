package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.Authenticator.ScramCredentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash functions behind password storage and SCRAM-SHA-256 (RFC 5802 §2.2, §3), JDK only.
 *
 * <p>PBKDF2-HMAC-SHA256 with a 32-octet output is exactly SCRAM's {@code Hi(password, salt, i)}, so a
 * stored PBKDF2 hash is SCRAM's {@code SaltedPassword} and the SCRAM keys derive from it.
 */
public final class Crypto {
    /** Length of SHA-256 output and of stored hashes. */
    public static final int HASH_LENGTH = 32;
    /** Salt length for new passwords. */
    public static final int SALT_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Crypto() {
    }

    /**
     * PBKDF2WithHmacSHA256 over the UTF-8 bytes of {@code password} (SunJCE encodes chars as UTF-8),
     * 32-octet output.
     *
     * @throws IllegalArgumentException if the password is empty (HMAC has no empty keys)
     */
    public static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        if (password.length == 0) throw new IllegalArgumentException("empty password");
        if (iterations < 1) throw new IllegalArgumentException("iterations < 1");
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_LENGTH * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** RFC 5802 §3: StoredKey = H(HMAC(SaltedPassword, "Client Key")), ServerKey = HMAC(SaltedPassword, "Server Key"). */
    public static ScramCredentials scramKeys(byte[] salt, int iterations, byte[] saltedPassword) {
        byte[] clientKey = hmac(saltedPassword, "Client Key");
        byte[] storedKey = sha256(clientKey);
        Arrays.fill(clientKey, (byte) 0);
        return new ScramCredentials(salt.clone(), iterations, storedKey, hmac(saltedPassword, "Server Key"));
    }

    public static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("length mismatch");
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (byte) (a[i] ^ b[i]);
        return out;
    }

    /** Strict standard base64 (with padding); empty if invalid. */
    public static Optional<byte[]> base64(String s) {
        try {
            return Optional.of(Base64.getDecoder().decode(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
