package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.TokenValidator;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7628 OAUTHBEARER: {@code gs2-header %x01 *kvpair %x01} with {@code auth=Bearer <token>}. Channel
 * binding is not supported ({@code p=} is malformed). On a bad token the server sends the §3.2.2 JSON
 * error as a challenge and fails after the client's dummy {@code %x01} response (§3.2.3).
 */
public final class OAuthBearerMechanism extends BearerMechanism {
    private final String errorJson;

    /**
     * @param scope                optional scope for the error JSON
     * @param openIdConfiguration  optional discovery URL for the error JSON
     */
    public OAuthBearerMechanism(TokenValidator validator, AuthContext ctx, Optional<String> scope,
                                Optional<String> openIdConfiguration) {
        super(validator, ctx);
        StringBuilder b = new StringBuilder("{\"status\":\"invalid_token\"");
        scope.ifPresent(s -> b.append(",\"scope\":").append(json(s)));
        openIdConfiguration.ifPresent(s -> b.append(",\"openid-configuration\":").append(json(s)));
        this.errorJson = b.append('}').toString();
    }

    @Override
    public String mechanism() {
        return "OAUTHBEARER";
    }

    @Override
    String errorJson() {
        return errorJson;
    }

    @Override
    Optional<Claim> parse(String msg) {
        // gs2-header = gs2-cb-flag "," [ authzid ] "," ; then kvsep
        int c1 = msg.indexOf(',');
        int c2 = c1 < 0 ? -1 : msg.indexOf(',', c1 + 1);
        if (c2 < 0 || c2 + 1 >= msg.length() || msg.charAt(c2 + 1) != KVSEP) return Optional.empty();
        String flag = msg.substring(0, c1);
        if (!flag.equals("n") && !flag.equals("y")) return Optional.empty();
        String az = msg.substring(c1 + 1, c2);
        Optional<String> user = Optional.empty();
        if (!az.isEmpty()) {
            if (!az.startsWith("a=")) return Optional.empty();
            Optional<String> decoded = ScramSha256Mechanism.decodeSaslName(az.substring(2));
            if (decoded.isEmpty()) return Optional.empty();
            user = decoded;
        }
        Optional<Map<String, String>> kv = kvPairs(msg.substring(c2 + 2));
        if (kv.isEmpty()) return Optional.empty();
        Optional<String> token = bearerToken(kv.get().get("auth"));
        Optional<String> u = user;
        return token.map(t -> new Claim(u, t));
    }
}
