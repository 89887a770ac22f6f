package dev.letterbox.testkit.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.Authenticator;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.UserRegistry;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The users of a test server: a {@link UserRegistry} (fast test iteration count), optionally creating
 * an unknown user with the password of its first login.
 */
public final class TestAuthenticator implements Authenticator {
    private volatile UserRegistry registry = newRegistry();
    private final boolean autoCreate;
    private final Consumer<String> created;

    public TestAuthenticator(boolean autoCreate, Consumer<String> created) {
        this.autoCreate = autoCreate;
        this.created = created;
    }

    private static UserRegistry newRegistry() {
        return UserRegistry.builder().iterations(UserRegistry.TEST_ITERATIONS).keepClearSecrets(true).build();
    }

    public void put(String user, String password) {
        registry.setPassword(user, password.toCharArray());
    }

    public boolean contains(String user) {
        return registry.contains(user);
    }

    public void clear() {
        registry = newRegistry();
    }

    @Override
    public Optional<Principal> authenticate(String username, char[] password, Optional<String> authzid, AuthContext ctx) {
        UserRegistry r = registry;
        if (autoCreate && !r.contains(username) && password.length > 0 && (authzid.isEmpty() || authzid.get().equals(username))) {
            r.setPassword(username, password);
            created.accept(username);
        }
        return r.authenticate(username, password, authzid, ctx);
    }

    @Override
    public Optional<ScramCredentials> scramSha256(String username) {
        return registry.scramSha256(username);
    }

    @Override
    public boolean scramSha256Supported() {
        return true;
    }

    @Override
    public Principal principalOf(String username) {
        return registry.principalOf(username);
    }

    @Override
    public Optional<char[]> apopSecret(String username) {
        return registry.apopSecret(username);
    }
}
