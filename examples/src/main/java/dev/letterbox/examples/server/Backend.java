package dev.letterbox.examples.server;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.tls.TlsConfig;

/**
 * What the protocols of the standalone server share.
 *
 * @param store the in-memory store, tracked (every change published to the hub)
 * @param auth  logins: the user registry behind the default access policy
 * @param users the registered users
 * @param tls   the server's TLS material (STARTTLS and implicit TLS)
 */
record Backend(TrackedStore store, AuthService auth, UserRegistry users, TlsConfig tls) {
}
