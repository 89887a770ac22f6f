package dev.letterbox.core.auth.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A minimal SCRAM-SHA-256 client (RFC 5802 §3) used to drive the server in tests. */
public final class ScramTestClient {
    private final String username;
    private final String password;
    private final String clientNonce;
    private final String gs2Header;
    private String clientFirstBare;
    private String authMessage;
    private byte[] saltedPassword;

    public ScramTestClient(String username, String password, String clientNonce, String gs2Header) {
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
        this.gs2Header = gs2Header;
    }

    public ScramTestClient(String username, String password) {
        this(username, password, "fyko+d2lbbFgONRv9qkxdawL", "n,,");
    }

    public static String saslName(String s) {
        return s.replace("=", "=3D").replace(",", "=2C");
    }

    public String first() {
        clientFirstBare = "n=" + saslName(username) + ",r=" + clientNonce;
        return gs2Header + clientFirstBare;
    }

    /** The client-final-message for a server-first-message. */
    public String fin(String serverFirst) {
        String[] attrs = serverFirst.split(",");
        String nonce = attrs[0].substring(2);
        byte[] salt = Base64.getDecoder().decode(attrs[1].substring(2));
        int iterations = Integer.parseInt(attrs[2].substring(2));
        saltedPassword = Crypto.pbkdf2(SaslPrep.prepare(password.toCharArray()), salt, iterations);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8))
                + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = Crypto.hmac(saltedPassword, "Client Key");
        byte[] signature = Crypto.hmac(Crypto.sha256(clientKey), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(Crypto.xor(clientKey, signature));
    }

    /** The server-final-message the server must send. */
    public String expectedServerFinal() {
        return "v=" + Base64.getEncoder().encodeToString(Crypto.hmac(Crypto.hmac(saltedPassword, "Server Key"), authMessage));
    }
}
