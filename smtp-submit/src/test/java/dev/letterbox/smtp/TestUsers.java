package dev.letterbox.smtp;

import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import java.time.Duration;

/**
 * The real auth service for submission tests: PLAIN and LOGIN over a test registry with
 * {@code alice@example.com}/{@code secret} and {@code bob@example.com}/{@code hunter2}; plaintext on
 * TLS or loopback; no failed-login delay.
 */
final class TestUsers {
    private TestUsers() {
    }

    static UserRegistry registry() {
        return UserRegistry.forTests()
                .setPassword("alice@example.com", "secret".toCharArray())
                .setPassword("bob@example.com", "hunter2".toCharArray());
    }

    static DefaultAuthService auth() {
        return auth(registry());
    }

    static DefaultAuthService auth(Authenticator authenticator) {
        return DefaultAuthService.builder().authenticator(authenticator).mechanisms("PLAIN", "LOGIN")
                .failedLoginDelay(Duration.ZERO).build();
    }
}
