package dev.letterbox.testkit.tck;

import static dev.letterbox.testkit.tck.Tck.DATE;
import static dev.letterbox.testkit.tck.Tck.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Optional per-user quota (RFC 9208 semantics as the protocols report them: OVERQUOTA / 552 5.2.2).
 * Skipped unless the host's TCK subclass overrides {@code createStoreWithQuota}.
 */
public interface QuotaContract extends TckContext {

    private UserMailboxes limited(long maxBytes, long maxMessages) {
        Optional<MailStore> s = storeWithQuota(maxBytes, maxMessages);
        assumeTrue(s.isPresent(), "store has no quota support");
        return s.get().open(user());
    }

    @Test
    default void append_over_the_storage_limit_is_over_quota_and_stores_nothing() {
        UserMailboxes u = limited(100, -1);
        Mailbox m = TckContext.openOrCreate(u, MailboxPath.INBOX);
        m.append(source(new byte[60]), Set.of(), DATE);
        var before = m.status();
        assertThatThrownBy(() -> m.append(source(new byte[41]), Set.of(), DATE))
                .isInstanceOf(StoreException.OverQuota.class);
        assertThat(m.status().messages()).isEqualTo(before.messages());
        m.append(source(new byte[40]), Set.of(), DATE);
        assertThat(m.status().messages()).isEqualTo(2);
    }

    @Test
    default void append_over_the_message_limit_is_over_quota() {
        UserMailboxes u = limited(-1, 2);
        Mailbox m = TckContext.openOrCreate(u, MailboxPath.INBOX);
        m.append(source("1"), Set.of(), DATE);
        m.append(source("2"), Set.of(), DATE);
        assertThatThrownBy(() -> m.append(source("3"), Set.of(), DATE)).isInstanceOf(StoreException.OverQuota.class);
    }

    @Test
    default void a_copy_that_would_exceed_the_quota_copies_nothing_rfc3501_s6_4_7() {
        UserMailboxes u = limited(-1, 3);
        Mailbox m = TckContext.openOrCreate(u, MailboxPath.INBOX);
        Mailbox target = TckContext.openOrCreate(u, MailboxPath.of("tck-quota-copy"));
        long a = m.append(source("1"), Set.of(), DATE).uid();
        long b = m.append(source("2"), Set.of(), DATE).uid();
        assertThatThrownBy(() -> m.copyTo(UidSet.of(a, b), target)).isInstanceOf(StoreException.OverQuota.class);
        assertThat(target.status().messages()).isZero();
    }

    @Test
    default void expunge_frees_quota_and_usage_is_reported() {
        UserMailboxes u = limited(1000, 1);
        Mailbox m = TckContext.openOrCreate(u, MailboxPath.INBOX);
        long a = m.append(source(new byte[10]), Set.of(), DATE).uid();
        u.quota().ifPresent(q -> {
            assertThat(q.usedMessages()).isEqualTo(1);
            assertThat(q.usedBytes()).isEqualTo(10);
            assertThat(q.maxMessages()).isEqualTo(1);
            assertThat(q.maxBytes()).isEqualTo(1000);
        });
        m.delete(UidSet.of(a));
        m.append(source(new byte[10]), Set.of(), DATE);
        assertThat(m.status().messages()).isEqualTo(1);
    }
}
