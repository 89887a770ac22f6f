package dev.letterbox.examples.server;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.tls.TlsConfig;
import dev.letterbox.smtp.SubmissionHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the protocols of the standalone server share.
 *
 * @param store      the in-memory store, tracked (every change published to the hub)
 * @param auth       logins: the user registry behind the default access policy
 * @param users      the registered users
 * @param tls        the server's TLS material (STARTTLS and implicit TLS)
 * @param submission how submitted messages are delivered
 */
record Backend(TrackedStore store, AuthService auth, UserRegistry users, TlsConfig tls, Submission submission) {
    Backend {
        Objects.requireNonNull(submission, "submission");
    }

    /**
     * Delivery options of the submission service.
     *
     * @param hostname     the server's name in greetings and trace fields ({@code --hostname})
     * @param localDomains the mail domains: recipients there are local ({@code --mail-domain} or the users' domains)
     * @param saveSent     file a copy of each submission in the sender's {@code \Sent} mailbox ({@code --save-sent})
     * @param relay        where non-local recipients go ({@code --relay}); empty: refused with 550 5.7.1
     */
    record Submission(String hostname, List<String> localDomains, boolean saveSent, Optional<SubmissionHandler> relay) {
        Submission {
            Objects.requireNonNull(hostname, "hostname");
            localDomains = List.copyOf(localDomains);
            Objects.requireNonNull(relay, "relay");
        }
    }
}
