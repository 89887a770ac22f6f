package dev.letterbox.testkit.tck.host;

import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.testkit.tck.MailStoreTck;
import java.util.Optional;

/** The built-in store passes the TCK, subclassed from another package exactly as a host would. */
class InMemoryMailStoreTckTest extends MailStoreTck {
    @Override
    protected MailStore createStore() {
        return InMemoryMailStore.create();
    }

    @Override
    protected Optional<MailStore> createStoreWithQuota(String user, long maxBytes, long maxMessages) {
        return Optional.of(InMemoryMailStore.builder().quota(user, maxBytes, maxMessages).build());
    }
}
