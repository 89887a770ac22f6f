package dev.letterbox.core.auth.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.TokenValidator;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.auth.sasl.SaslStep.FailureKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shared flow of OAUTHBEARER and XOAUTH2: an empty challenge without initial response, one client
 * message carrying a bearer token checked by the {@link TokenValidator}; on a bad token a JSON error
 * challenge, after which the client's next response (OAUTHBEARER: {@code %x01}, XOAUTH2: empty) ends the
 * exchange with a failure.
 */
abstract class BearerMechanism extends Mechanism {
    static final char KVSEP = '\u0001';

    /** A parsed client message: the claimed user (if any) and the token. */
    record Claim(Optional<String> user, String token) {
    }

    private final TokenValidator validator;
    private final AuthContext ctx;
    private boolean pending;

    BearerMechanism(TokenValidator validator, AuthContext ctx) {
        this.validator = validator;
        this.ctx = ctx;
    }

    /** Parses the client message; empty means malformed. */
    abstract Optional<Claim> parse(String message);

    /** The JSON error challenge. */
    abstract String errorJson();

    @Override
    public final boolean failurePending() {
        return pending;
    }

    @Override
    protected final SaslStep step(int round, byte[] response) {
        if (pending) return failure(FailureKind.INVALID_CREDENTIALS, mechanism() + ": token rejected");
        if (round == 0 && response.length == 0) return emptyChallenge();
        Optional<Claim> claim = Mechanism.utf8(response).flatMap(this::parse);
        if (claim.isEmpty()) return malformed(mechanism() + ": malformed client message");
        claim.get().user().ifPresent(this::attemptedUser);
        return validator.validate(claim.get().user(), claim.get().token(), ctx)
                .<SaslStep>map(p -> new SaslStep.Success(p, new byte[0]))
                .orElseGet(() -> {
                    pending = true;
                    return challenge(errorJson());
                });
    }

    /**
     * Parses {@code *(key "=" value %x01) %x01} (RFC 7628 §3.1 kvpairs followed by the final kvsep),
     * key = 1*ALPHA, value = *(VCHAR / SP / HTAB / CR / LF). Empty on malformed input or duplicate keys.
     */
    static Optional<Map<String, String>> kvPairs(String s) {
        if (!s.endsWith(String.valueOf(KVSEP))) return Optional.empty();
        Map<String, String> out = new LinkedHashMap<>();
        int pos = 0;
        int end = s.length() - 1;
        while (pos < end) {
            int sep = s.indexOf(KVSEP, pos);
            if (sep >= end) return Optional.empty(); // the last pair lacks its own kvsep
            String pair = s.substring(pos, sep);
            int eq = pair.indexOf('=');
            if (eq <= 0) return Optional.empty();
            String key = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (!key.chars().allMatch(c -> c < 0x80 && Character.isLetter(c))) return Optional.empty();
            if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e || c == '\t' || c == '\r' || c == '\n')) {
                return Optional.empty();
            }
            if (out.putIfAbsent(key, value) != null) return Optional.empty();
            pos = sep + 1;
        }
        return Optional.of(out);
    }

    /** RFC 6750 §2.1 credentials: {@code "Bearer" 1*SP b64token}, scheme case-insensitive. */
    static Optional<String> bearerToken(String auth) {
        if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = auth.substring(7).stripLeading();
        return token.matches("[A-Za-z0-9\\-._~+/]+=*") ? Optional.of(token) : Optional.empty();
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
