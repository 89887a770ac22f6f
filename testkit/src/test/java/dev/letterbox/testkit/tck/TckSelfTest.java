package dev.letterbox.testkit.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.time.Instant;
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
    record LateVisibility(Mailbox m, Set<Long> returned) implements Mailbox {
        @Override
        public List<MessageMeta> metaAfter(long uid) {
            List<MessageMeta> all = new ArrayList<>(m.metaAfter(uid));
            if (all.size() >= 2 && returned.add(all.get(all.size() - 2).uid())) all.remove(all.size() - 2);
            for (MessageMeta x : all) returned.add(x.uid());
            return all;
        }

        @Override
        public MailboxId id() {
            return m.id();
        }

        @Override
        public MailboxPath path() {
            return m.path();
        }

        @Override
        public MailboxStatus status() {
            return m.status();
        }

        @Override
        public UidSet allUids() {
            return m.allUids();
        }

        @Override
        public List<MessageMeta> meta(UidSet uids) {
            return m.meta(uids);
        }

        @Override
        public MessageContent content(long uid) {
            return m.content(uid);
        }

        @Override
        public MessageMeta append(MessageSource source, Set<Flag> flags, Instant internalDate) {
            return m.append(source, flags, internalDate);
        }

        @Override
        public List<MessageMeta> updateFlags(UidSet uids, FlagOp op, Set<Flag> flags) {
            return m.updateFlags(uids, op, flags);
        }

        @Override
        public UidSet delete(UidSet uids) {
            return m.delete(uids);
        }

        @Override
        public CopyResult copyTo(UidSet uids, Mailbox target) {
            return m.copyTo(uids, target instanceof LateVisibility l ? l.m : target);
        }
    }

    record BrokenTree(UserMailboxes d) implements UserMailboxes {
        static final Set<Long> RETURNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public Mailbox open(MailboxPath path) {
            return new LateVisibility(d.open(path), RETURNED);
        }

        @Override
        public String user() {
            return d.user();
        }

        @Override
        public List<MailboxInfo> list() {
            return d.list();
        }

        @Override
        public MailboxInfo create(MailboxPath path, Optional<SpecialUse> specialUse) {
            return d.create(path, specialUse);
        }

        @Override
        public void delete(MailboxPath path) {
            d.delete(path);
        }

        @Override
        public void rename(MailboxPath from, MailboxPath to) {
            d.rename(from, to);
        }

        @Override
        public Set<MailboxPath> subscriptions() {
            return d.subscriptions();
        }

        @Override
        public void subscribe(MailboxPath path) {
            d.subscribe(path);
        }

        @Override
        public void unsubscribe(MailboxPath path) {
            d.unsubscribe(path);
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
