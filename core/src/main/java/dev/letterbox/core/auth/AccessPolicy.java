package dev.letterbox.core.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides, after the credentials were verified, whether a user may log in on a protocol (IMAP
 * {@code [AUTHORIZATIONFAILED]}, POP3 {@code -ERR [AUTH]}, SMTP 535). Must be thread-safe.
 */
@FunctionalInterface
public interface AccessPolicy {
    /** The names refused on IMAP and POP3 by default. */
    Set<String> DEFAULT_DENIED_NAMES = Set.of("anonymous", "guest", "administrator");

    /** Everyone with valid credentials may log in. */
    AccessPolicy ALLOW_ALL = (principal, loginName, ctx) -> true;

    /**
     * @param principal the authenticated identity
     * @param loginName the name the client logged in with (authentication identity), possibly different
     * @param ctx       the connection; {@link AuthContext#protocol()} is {@code imap}, {@code pop3} or {@code smtp}
     */
    boolean permits(Principal principal, String loginName, AuthContext ctx);

    /** Both policies must permit. */
    default AccessPolicy and(AccessPolicy other) {
        Objects.requireNonNull(other, "other");
        return (p, n, c) -> permits(p, n, c) && other.permits(p, n, c);
    }

    /**
     * Refuses, per protocol, users whose local part (the part before the last {@code @}, or the whole
     * name) equals one of the names, case-insensitively; both the login name and the principal are
     * checked. E.g. {@code guest} refuses {@code guest}, {@code GUEST} and {@code Guest@example.com}.
     *
     * @param namesByProtocol protocol (case-insensitive) → names; protocols not listed allow everyone
     */
    static AccessPolicy denyLocalParts(Map<String, ? extends Collection<String>> namesByProtocol) {
        Map<String, Set<String>> denied = namesByProtocol.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toLowerCase(Locale.ROOT),
                e -> e.getValue().stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet())));
        return (principal, loginName, ctx) -> {
            Set<String> names = denied.getOrDefault(ctx.protocol().toLowerCase(Locale.ROOT), Set.of());
            return names.isEmpty()
                    || !names.contains(localPart(loginName)) && !names.contains(localPart(principal.name()));
        };
    }

    /** The default: IMAP and POP3 refuse {@link #DEFAULT_DENIED_NAMES}; SMTP allows everyone. */
    static AccessPolicy defaults() {
        return denyLocalParts(Map.of("imap", DEFAULT_DENIED_NAMES, "pop3", DEFAULT_DENIED_NAMES));
    }

    private static String localPart(String name) {
        int at = name.lastIndexOf('@');
        return (at < 0 ? name : name.substring(0, at)).toLowerCase(Locale.ROOT);
    }
}
