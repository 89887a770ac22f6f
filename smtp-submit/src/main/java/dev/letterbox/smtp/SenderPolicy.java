package dev.letterbox.smtp;

import dev.letterbox.core.auth.Principal;
import java.util.Locale;

/**
 * RFC 6409 §6.1: decides whether an authenticated user may use an envelope sender address. A refusal
 * is answered {@code 550 5.7.1}. Hosts with aliases or shared addresses supply their own function.
 */
@FunctionalInterface
public interface SenderPolicy {
    /**
     * @param user    the authenticated user
     * @param address the MAIL FROM address, empty string for the null reverse-path {@code <>}
     */
    boolean permits(Principal user, String address);

    /**
     * The default: the address is the login name (compared ignoring case), or, for login names
     * without {@code @}, an address whose local part is the login name. The null sender is refused.
     */
    static SenderPolicy sameAsLogin() {
        return (user, address) -> {
            if (address.isEmpty()) return false;
            String name = user.name().toLowerCase(Locale.ROOT);
            String a = address.toLowerCase(Locale.ROOT);
            if (a.equals(name)) return true;
            int at = a.lastIndexOf('@');
            return name.indexOf('@') < 0 && at > 0 && a.substring(0, at).equals(name);
        };
    }

    /** Any sender is allowed (only for trusted setups: it permits forging other users' addresses). */
    static SenderPolicy any() {
        return (user, address) -> true;
    }
}
