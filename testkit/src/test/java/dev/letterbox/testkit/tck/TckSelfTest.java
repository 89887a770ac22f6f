package dev.letterbox.testkit.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.ForwardingMailbox;
import dev.letterbox.core.store.ForwardingUserMailboxes;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The TCK must fail stores that break the contract; here, the visibility rule of ARCHITECTURE §3. */
class TckSelfTest {

    /**
     * Hides the second-newest message the first time it would be returned while a higher one is
     * shown — as a store that allocates UIDs early and commits late would: a UID that becomes
     * visible after a higher one.
     */
    static final class LateVisibility extends ForwardingMailbox {
        private final Set<Long> returned;

        LateVisibility(Mailbox m, Set<Long> returned) {
            super(m);
            this.returned = returned;
        }

        @Override
        public List<MessageMeta> metaAfter(long uid) {
            List<MessageMeta> all = new ArrayList<>(delegate().metaAfter(uid));
            if (all.size() >= 2 && returned.add(all.get(all.size() - 2).uid())) all.remove(all.size() - 2);
            for (MessageMeta x : all) returned.add(x.uid());
            return all;
        }
    }

    static final class BrokenTree extends ForwardingUserMailboxes {
        static final Set<Long> RETURNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

        BrokenTree(UserMailboxes d) {
            super(d);
        }

        @Override
        public Mailbox open(MailboxPath path) {
            return new LateVisibility(delegate().open(path), RETURNED);
        }
    }

    /** The TCK's contracts bound to one store, outside JUnit's lifecycle. */
    private static final class Harness implements ConcurrencyContract {
        private final MailStore store;
        private UserMailboxes mailboxes;

        Harness(MailStore store) {
            this.store = store;
        }

        @Override
        public MailStore store() {
            return store;
        }

        @Override
        public String user() {
            return "self";
        }

        @Override
        public String otherUser() {
            return "other";
        }

        @Override
        public UserMailboxes mailboxes() {
            if (mailboxes == null) mailboxes = store.open(user());
            return mailboxes;
        }

        @Override
        public Optional<MailStore> storeWithQuota(long maxBytes, long maxMessages) {
            return Optional.empty();
        }
    }

    @Test
    void the_concurrency_contract_catches_uids_that_become_visible_out_of_order() {
        InMemoryMailStore real = InMemoryMailStore.create();
        MailStore broken = user -> new BrokenTree(real.open(user));
        assertThatThrownBy(() -> new Harness(broken)
                .eight_threads_appending_flagging_and_expunging_keep_uids_ascending_visible_in_order_and_lose_nothing(
                        "platform"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("became visible after the higher UID");
    }

    @Test
    void the_same_harness_passes_on_the_real_store() throws Exception {
        new Harness(InMemoryMailStore.create())
                .eight_threads_appending_flagging_and_expunging_keep_uids_ascending_visible_in_order_and_lose_nothing(
                        "platform");
    }
}
