package dev.letterbox.imap4.internal;

import dev.letterbox.imap4.internal.codec.Framer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Decides about each literal before any of its octets are read and before the {@code +}
 * continuation (RFC 9051 §4.3, RFC 7888): LITERAL- limits non-synchronizing literals to 4096 octets;
 * before authentication a small limit applies to all literals of a command together; each APPEND
 * message is bounded by APPENDLIMIT (RFC 7889, spooled to disk when large), the literals of any other
 * command together by the post-authentication limit.
 */
final class LiteralLimits implements Framer.Policy {
    /** One MULTIAPPEND may carry up to this many APPENDLIMITs of messages in total. */
    static final long MULTIAPPEND_FACTOR = 8;

    private final ImapConfig config;
    private final BooleanSupplier beforeAuth;
    private final Runnable continuation;

    LiteralLimits(ImapConfig config, BooleanSupplier beforeAuth, Runnable continuation) {
        this.config = config;
        this.beforeAuth = beforeAuth;
        this.continuation = continuation;
    }

    @Override
    public Optional<Framer.Refusal> decide(byte[] firstLine, long buffered, long size, boolean nonSync, boolean binary) {
        if (nonSync && !config.enabled("LITERAL+") && size > 4096) {
            return Optional.of(new Framer.Refusal("TOOBIG", "Non-synchronizing literal too large (LITERAL-)", true));
        }
        if (beforeAuth.getAsBoolean()) {
            return buffered + size > config.literalLimitBeforeAuth()
                    ? Optional.of(new Framer.Refusal("TOOBIG", "Literal too large before authentication", false))
                    : Optional.empty();
        }
        if (isAppend(firstLine)) {
            if (size > config.appendLimit()) {
                return Optional.of(new Framer.Refusal("TOOBIG", "Message exceeds APPENDLIMIT", false));
            }
            // MULTIAPPEND (RFC 3502): several messages, but not without bound
            return buffered + size > MULTIAPPEND_FACTOR * config.appendLimit()
                    ? Optional.of(new Framer.Refusal("TOOBIG", "Too much data in one APPEND", false))
                    : Optional.empty();
        }
        return buffered + size > config.literalLimitAfterAuth()
                ? Optional.of(new Framer.Refusal("TOOBIG", "Literal too large", false))
                : Optional.empty();
    }

    @Override
    public void continuation() {
        continuation.run();
    }

    private static boolean isAppend(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] != ' ') i++;
        String rest = new String(line, i, Math.min(line.length - i, 8), StandardCharsets.ISO_8859_1);
        return rest.toUpperCase(Locale.ROOT).startsWith(" APPEND ");
    }
}
