package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.Authenticator.ScramCredentials;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SCRAM-SHA-256 server (RFC 7677, RFC 5802 §5, §7) without channel binding: the client's gs2 flag must be
 * {@code n} or {@code y} (this server never offers -PLUS, so {@code y} is no downgrade; {@code p=} fails).
 * Unknown users get a deterministic fake salt and fail at the proof, so the exchange does not reveal
 * which users exist (RFC 5802 §9).
 */
public final class ScramSha256Mechanism extends Mechanism {
    /** Everything a SCRAM exchange needs besides the client. */
    public record Config(Authenticator authenticator, Supplier<String> serverNonce, byte[] fakeSaltKey, int fakeIterations) {
    }

    private enum State { CLIENT_FIRST, CLIENT_FINAL }

    private final Config config;
    private State state = State.CLIENT_FIRST;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private String username;
    private String authzid;
    private ScramCredentials credentials;
    private boolean knownUser;

    public ScramSha256Mechanism(Config config) {
        this.config = config;
    }

    /** A fresh random server nonce: 24 random octets in base64 (printable, no comma). */
    public static String randomNonce() {
        return Base64.getEncoder().encodeToString(Crypto.randomBytes(24));
    }

    @Override
    public String mechanism() {
        return "SCRAM-SHA-256";
    }

    @Override
    protected SaslStep step(int round, byte[] response) {
        Optional<String> text = Mechanism.utf8(response);
        if (text.isEmpty() || containsNul(text.get())) return malformed("SCRAM message is not UTF-8 text");
        if (state == State.CLIENT_FIRST) {
            if (round == 0 && response.length == 0) return emptyChallenge();
            return clientFirst(text.get());
        }
        return clientFinal(text.get());
    }

    private SaslStep clientFirst(String msg) {
        // gs2-header = gs2-cbind-flag "," [ authzid ] ","
        int c1 = msg.indexOf(',');
        int c2 = c1 < 0 ? -1 : msg.indexOf(',', c1 + 1);
        if (c2 < 0) return malformed("SCRAM: missing gs2 header");
        String flag = msg.substring(0, c1);
        if (flag.startsWith("p=")) return malformed("SCRAM: channel binding requested but -PLUS is not offered");
        if (!flag.equals("n") && !flag.equals("y")) return malformed("SCRAM: bad gs2-cbind-flag");
        String az = msg.substring(c1 + 1, c2);
        if (!az.isEmpty()) {
            if (!az.startsWith("a=")) return malformed("SCRAM: bad authzid");
            Optional<String> decoded = decodeSaslName(az.substring(2));
            if (decoded.isEmpty()) return malformed("SCRAM: bad authzid");
            authzid = decoded.get();
        }
        gs2Header = msg.substring(0, c2 + 1);
        clientFirstBare = msg.substring(c2 + 1);
        String[] attrs = clientFirstBare.split(",", -1);
        if (attrs[0].startsWith("m=")) return malformed("SCRAM: unsupported mandatory extension");
        if (attrs.length < 2 || !attrs[0].startsWith("n=") || !attrs[1].startsWith("r=")) {
            return malformed("SCRAM: client-first-message needs n= and r=");
        }
        Optional<String> user = decodeSaslName(attrs[0].substring(2));
        if (user.isEmpty()) return malformed("SCRAM: bad username");
        String clientNonce = attrs[1].substring(2);
        if (!isPrintable(clientNonce)) return malformed("SCRAM: bad client nonce");
        if (!extensionsValid(attrs, 2)) return malformed("SCRAM: bad extension");
        username = user.get();
        attemptedUser(username);

        Optional<ScramCredentials> creds = config.authenticator().scramSha256(username);
        knownUser = creds.isPresent();
        credentials = creds.orElseGet(this::fakeCredentials);
        String serverNonce = config.serverNonce().get();
        if (!isPrintable(serverNonce)) throw new IllegalStateException("server nonce must be printable without ','");
        nonce = clientNonce + serverNonce;
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt())
                + ",i=" + credentials.iterations();
        state = State.CLIENT_FINAL;
        return challenge(serverFirst);
    }

    private SaslStep clientFinal(String msg) {
        int p = msg.lastIndexOf(",p=");
        if (p < 0) return malformed("SCRAM: missing proof");
        String withoutProof = msg.substring(0, p);
        String[] attrs = withoutProof.split(",", -1);
        if (attrs.length < 2 || !attrs[0].startsWith("c=") || !attrs[1].startsWith("r=") || !extensionsValid(attrs, 2)) {
            return malformed("SCRAM: client-final-message needs c=, r= and p=");
        }
        Optional<byte[]> cbind = Crypto.base64(attrs[0].substring(2));
        Optional<byte[]> proof = Crypto.base64(msg.substring(p + 3));
        if (cbind.isEmpty() || proof.isEmpty() || proof.get().length != Crypto.HASH_LENGTH) {
            return malformed("SCRAM: bad base64 in c= or p=");
        }
        // RFC 5802 §7: without channel binding, c= is base64(gs2-header).
        if (!Arrays.equals(cbind.get(), gs2Header.getBytes(StandardCharsets.UTF_8))) {
            return failure(FailureKind.INVALID_CREDENTIALS, "SCRAM: channel binding does not match the gs2 header");
        }
        if (!attrs[1].substring(2).equals(nonce)) return failure(FailureKind.INVALID_CREDENTIALS, "SCRAM: nonce mismatch");

        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = Crypto.hmac(credentials.storedKey(), authMessage);
        byte[] clientKey = Crypto.xor(proof.get(), clientSignature);
        boolean valid = MessageDigest.isEqual(Crypto.sha256(clientKey), credentials.storedKey()) && knownUser;
        Arrays.fill(clientKey, (byte) 0);
        if (!valid) return failure(FailureKind.INVALID_CREDENTIALS, "SCRAM: invalid proof");
        if (authzid != null && !authzid.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT))) {
            return failure(FailureKind.NOT_PERMITTED, "SCRAM: acting as another user is not supported");
        }
        byte[] serverSignature = Crypto.hmac(credentials.serverKey(), authMessage);
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
        return new SaslStep.Success(config.authenticator().principalOf(username),
                serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private ScramCredentials fakeCredentials() {
        byte[] salt = Arrays.copyOf(Crypto.hmac(config.fakeSaltKey(), "salt:" + username.toLowerCase(Locale.ROOT)),
                Crypto.SALT_LENGTH);
        return new ScramCredentials(salt, config.fakeIterations(), Crypto.randomBytes(Crypto.HASH_LENGTH),
                Crypto.randomBytes(Crypto.HASH_LENGTH));
    }

    /** RFC 5802 §5.1 saslname: "=2C" is ',', "=3D" is '=', any other '=' is invalid. */
    static Optional<String> decodeSaslName(String s) {
        if (s.isEmpty()) return Optional.empty();
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                if (s.startsWith("2C", i + 1)) b.append(',');
                else if (s.startsWith("3D", i + 1)) b.append('=');
                else return Optional.empty();
                i += 2;
            } else {
                b.append(c);
            }
        }
        return Optional.of(b.toString());
    }

    /** RFC 5802 printable: %x21-2B / %x2D-7E (no comma), non-empty. */
    private static boolean isPrintable(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',') return false;
        }
        return true;
    }

    private static boolean extensionsValid(String[] attrs, int from) {
        for (int i = from; i < attrs.length; i++) {
            String a = attrs[i];
            if (a.length() < 2 || a.charAt(1) != '=' || !Character.isLetter(a.charAt(0)) || a.charAt(0) > 'z') return false;
        }
        return true;
    }
}
