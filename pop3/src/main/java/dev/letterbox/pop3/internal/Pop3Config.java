package dev.letterbox.pop3.internal;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.pop3.DeletionPolicy;
import dev.letterbox.pop3.Expire;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Immutable configuration of a POP3 endpoint, built by {@code Pop3Protocol.Builder}.
 *
 * @param store              opens a user's mailboxes with change tracking (the TrackedStore)
 * @param auth               logins, SASL, access policy, plaintext rule, failure delay
 * @param deletionPolicy     per-user deletion policy (the server default when not overridden)
 * @param exclusiveLock      whether a maildrop may be open in only one POP3 session at a time
 * @param autologout         RFC 1939 §3 inactivity timer (at least 10 minutes)
 * @param expire             RFC 2449 EXPIRE server value, if advertised
 * @param expireForUser      per-user EXPIRE, if it varies by user
 * @param loginDelay         RFC 2449 LOGIN-DELAY server value, if advertised and enforced
 * @param loginDelayForUser  per-user LOGIN-DELAY, if it varies by user
 * @param userPass           whether USER/PASS is offered at all
 * @param pipelining         whether PIPELINING is advertised (RFC 2449 §6.6)
 * @param utf8               whether UTF8 (RFC 6856) is advertised and the UTF8 command accepted
 * @param implementation     the IMPLEMENTATION capability text, if advertised
 * @param greeting           greeting text after {@code +OK}
 * @param hostname           host name used in the APOP timestamp banner
 * @param maxLineLength      longest command line accepted, in octets including CRLF
 * @param maxSaslLineLength  longest SASL response line accepted
 * @param maxProtocolErrors  consecutive protocol errors before login that close the connection
 * @param clock              time source for LOGIN-DELAY
 */
public record Pop3Config(
        MaildropOpener store,
        AuthService auth,
        Function<String, DeletionPolicy> deletionPolicy,
        boolean exclusiveLock,
        Duration autologout,
        Optional<Expire> expire,
        Optional<Function<String, Expire>> expireForUser,
        Optional<Duration> loginDelay,
        Optional<Function<String, Duration>> loginDelayForUser,
        boolean userPass,
        boolean pipelining,
        boolean utf8,
        Optional<String> implementation,
        String greeting,
        String hostname,
        int maxLineLength,
        int maxSaslLineLength,
        int maxProtocolErrors,
        Clock clock) {

    /** Opens a user's mailboxes; every mutation through them is published with {@code origin}. */
    @FunctionalInterface
    public interface MaildropOpener {
        UserMailboxes open(String user, Origin origin);
    }

    Expire expireFor(String user) {
        return expireForUser.map(f -> f.apply(user)).or(() -> expire).orElse(Expire.never());
    }

    Duration loginDelayFor(String user) {
        return loginDelayForUser.map(f -> f.apply(user)).or(() -> loginDelay).orElse(Duration.ZERO);
    }

}
