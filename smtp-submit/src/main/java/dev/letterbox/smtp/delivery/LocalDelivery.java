package dev.letterbox.smtp.delivery;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.smtp.MailFrom;
import dev.letterbox.smtp.RcptTo;
import dev.letterbox.smtp.SmtpException;
import dev.letterbox.smtp.SubmissionContext;
import dev.letterbox.smtp.SubmissionHandler;
import dev.letterbox.smtp.SubmissionSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The built-in {@link SubmissionHandler}: delivers to local users' INBOXes, optionally files a copy
 * in the sender's {@code \Sent} mailbox, and hands non-local recipients to a relay handler (e.g.
 * {@link SmarthostRelay}).
 *
 * <p><b>What is local.</b> A recipient address is resolved to a store user by the user resolver. The
 * default resolver answers the address itself if {@link DeliveryTarget#hasUser} knows it, else — for
 * addresses in a configured local domain — the local part if that is a user. Then:
 * <ol>
 *   <li>resolved to a user: local, delivered to that user's INBOX;</li>
 *   <li>not resolved, but the domain is a local domain (or the address is a bare {@code postmaster}):
 *       an unknown local user, {@code 550 5.1.1} at RCPT;</li>
 *   <li>otherwise non-local: passed to the relay, or {@code 550 5.7.1 Relaying not configured}
 *       without one.</li>
 * </ol>
 * Stores whose {@code hasUser} answers true for everyone need a resolver of their own.
 *
 * <p>At DATA the relay is tried first; if it refuses, nothing is delivered locally and the client
 * gets the relay's failure. Local deliveries go to each distinct user once.
 */
public final class LocalDelivery implements SubmissionHandler {
    private final DeliveryTarget target;
    private final Set<String> localDomains;
    private final Function<String, Optional<String>> resolver;
    private final boolean saveSent;
    private final Optional<SubmissionHandler> relay;
    private final Clock clock;

    private LocalDelivery(Builder b) {
        this.target = b.target;
        this.localDomains = Set.copyOf(b.localDomains);
        this.resolver = b.resolver != null ? b.resolver : this::defaultResolve;
        this.saveSent = b.saveSent;
        this.relay = Optional.ofNullable(b.relay);
        this.clock = b.clock;
    }

    public static Builder builder(DeliveryTarget target) {
        return new Builder(target);
    }

    /** Local delivery into a {@link dev.letterbox.core.event.TrackedStore} (see {@link DeliveryTarget#of}). */
    public static Builder builder(dev.letterbox.core.event.TrackedStore store) {
        return new Builder(DeliveryTarget.of(store));
    }

    /** The classification of a recipient address (see the class comment). */
    public sealed interface Route {
        record Local(String user) implements Route { }

        record UnknownLocal() implements Route { }

        record Remote() implements Route { }
    }

    public Route route(String address) {
        Optional<String> user = resolver.apply(address);
        if (user.isPresent()) return new Route.Local(user.get());
        String domain = domainOf(address);
        if (domain.isEmpty() || localDomains.contains(domain)) return new Route.UnknownLocal();
        return new Route.Remote();
    }

    private Optional<String> defaultResolve(String address) {
        if (target.hasUser(address)) return Optional.of(address);
        int at = address.lastIndexOf('@');
        if (at > 0 && localDomains.contains(domainOf(address))) {
            String local = address.substring(0, at);
            if (target.hasUser(local)) return Optional.of(local);
        }
        return Optional.empty();
    }

    private static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public SubmissionSession open(SubmissionContext context) {
        return new Session(context);
    }

    private final class Session implements SubmissionSession {
        private final SubmissionContext context;
        private final Set<String> localUsers = new LinkedHashSet<>();
        private final List<RcptTo> remote = new ArrayList<>();
        private SubmissionSession relaySession;
        private MailFrom mail;

        Session(SubmissionContext context) {
            this.context = context;
        }

        @Override
        public void mailFrom(MailFrom m) {
            mail = m;
        }

        @Override
        public void rcptTo(RcptTo rcpt) {
            Route r = route(rcpt.address());
            if (r instanceof Route.Local l) {
                localUsers.add(l.user());
            } else if (r instanceof Route.UnknownLocal) {
                throw new SmtpException(550, "5.1.1", "No such user here");
            } else {
                if (relay.isEmpty()) throw new SmtpException(550, "5.7.1", "Relaying not configured");
                if (relaySession == null) {
                    relaySession = relay.get().open(context);
                    relaySession.mailFrom(mail);
                }
                relaySession.rcptTo(rcpt);
                remote.add(rcpt);
            }
        }

        @Override
        public void data(MessageSource message) {
            if (!remote.isEmpty()) relaySession.data(message);
            var now = clock.instant();
            for (String user : localUsers) target.deliver(user, MailboxPath.INBOX, message, Set.of(), now);
            if (saveSent) {
                context.principal().ifPresent(p -> target.deliver(p.name(), target.sentFolder(p.name()), message,
                        Set.of(Flag.SEEN), now));
            }
        }

        @Override
        public void reset() {
            localUsers.clear();
            remote.clear();
            mail = null;
            if (relaySession != null) {
                relaySession.reset();
                relaySession.close();
                relaySession = null;
            }
        }

        @Override
        public void close() {
            reset();
        }
    }

    /** Options of {@link LocalDelivery}. */
    public static final class Builder {
        private final DeliveryTarget target;
        private final Set<String> localDomains = new LinkedHashSet<>();
        private Function<String, Optional<String>> resolver;
        private boolean saveSent;
        private SubmissionHandler relay;
        private Clock clock = Clock.systemUTC();

        private Builder(DeliveryTarget target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        /** Domains this server is the final destination for (case-insensitive). */
        public Builder localDomains(String... domains) {
            for (String d : domains) localDomains.add(d.toLowerCase(Locale.ROOT));
            return this;
        }

        /** Maps a recipient address to a store user (aliases, catch-alls); empty = not a local user. */
        public Builder userResolver(Function<String, Optional<String>> resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** File a copy of each submission, flagged \Seen, in the sender's \Sent mailbox; default false. */
        public Builder saveSentCopy(boolean save) {
            this.saveSent = save;
            return this;
        }

        /** Where non-local recipients go (e.g. {@link SmarthostRelay}); without one they get 550 5.7.1. */
        public Builder relay(SubmissionHandler relay) {
            this.relay = Objects.requireNonNull(relay, "relay");
            return this;
        }

        /** The clock for internal dates. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public LocalDelivery build() {
            return new LocalDelivery(this);
        }
    }
}
