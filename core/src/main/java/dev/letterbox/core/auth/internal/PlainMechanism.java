package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.sasl.SaslStep;
import java.util.Arrays;
import java.util.Optional;

/**
 * RFC 4616 PLAIN: {@code message = [authzid] UTF8NUL authcid UTF8NUL passwd}, UTF-8, authcid and passwd
 * non-empty, exactly two NULs. Without an initial response the server sends an empty challenge (§2).
 */
public final class PlainMechanism extends Mechanism {
    private final Authenticator authenticator;
    private final AuthContext ctx;

    public PlainMechanism(Authenticator authenticator, AuthContext ctx) {
        this.authenticator = authenticator;
        this.ctx = ctx;
    }

    @Override
    public String mechanism() {
        return "PLAIN";
    }

    @Override
    protected SaslStep step(int round, byte[] response) {
        if (round == 0 && response.length == 0) return emptyChallenge();
        int first = indexOf(response, 0);
        int second = first < 0 ? -1 : indexOf(response, first + 1);
        if (second < 0 || indexOf(response, second + 1) >= 0) {
            return malformed("PLAIN message needs exactly two NUL separators (RFC 4616 §2)");
        }
        Optional<String> authzid = Mechanism.utf8(Arrays.copyOfRange(response, 0, first));
        Optional<String> authcid = Mechanism.utf8(Arrays.copyOfRange(response, first + 1, second));
        byte[] passwordBytes = Arrays.copyOfRange(response, second + 1, response.length);
        Optional<String> password = Mechanism.utf8(passwordBytes);
        Arrays.fill(passwordBytes, (byte) 0);
        if (authzid.isEmpty() || authcid.isEmpty() || password.isEmpty()) return malformed("PLAIN fields must be UTF-8");
        if (authcid.get().isEmpty() || password.get().isEmpty()) return malformed("empty authcid or password");
        return checkPassword(authenticator, authcid.get(), password.get(),
                authzid.get().isEmpty() ? Optional.empty() : authzid, ctx);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == 0) return i;
        return -1;
    }
}
