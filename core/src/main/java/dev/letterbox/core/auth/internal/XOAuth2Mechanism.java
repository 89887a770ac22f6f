package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.TokenValidator;
import java.util.Map;
import java.util.Optional;

/**
 * Google's XOAUTH2: {@code user=<user>^Aauth=Bearer <token>^A^A}. On a bad token the server sends a JSON
 * error challenge ({@code {"status":"401","schemes":"bearer","scope":...}}) and fails after the client's
 * next (empty) response.
 */
public final class XOAuth2Mechanism extends BearerMechanism {
    private final String errorJson;

    public XOAuth2Mechanism(TokenValidator validator, AuthContext ctx, Optional<String> scope) {
        super(validator, ctx);
        StringBuilder b = new StringBuilder("{\"status\":\"401\",\"schemes\":\"bearer\"");
        scope.ifPresent(s -> b.append(",\"scope\":").append(json(s)));
        this.errorJson = b.append('}').toString();
    }

    @Override
    public String mechanism() {
        return "XOAUTH2";
    }

    @Override
    String errorJson() {
        return errorJson;
    }

    @Override
    Optional<Claim> parse(String msg) {
        Optional<Map<String, String>> kv = kvPairs(msg);
        if (kv.isEmpty()) return Optional.empty();
        String user = kv.get().get("user");
        if (user == null || user.isEmpty()) return Optional.empty();
        return bearerToken(kv.get().get("auth")).map(t -> new Claim(Optional.of(user), t));
    }
}
