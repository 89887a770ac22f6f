package dev.letterbox.smtp.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.smtp.SubmissionProtocol;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Local delivery into the real in-memory store through TrackedStore. */
class TrackedStoreDeliveryTest {
    final InMemoryMailStore store = InMemoryMailStore.builder().autoCreateUsers(false).user("alice@example.com", "bob@example.com").build();
    final TrackedStore tracked = TrackedStore.of(store);

    MemoryConnection login(LocalDelivery handler) {
        SubmissionProtocol p = SubmissionProtocol.builder(LocalDeliveryTest.AUTH, handler).addReceived(false)
                .addMissingDate(false).addMissingMessageId(false).build();
        MemoryConnection c = MemoryConnection.open(p);
        c.sendLine("EHLO x");
        c.sendLine("AUTH PLAIN " + Base64.getEncoder().encodeToString("\0alice@example.com\0pw".getBytes(StandardCharsets.UTF_8)));
        c.takeOutput();
        return c;
    }

    byte[] only(String user, MailboxPath path) throws Exception {
        try (UserMailboxes u = store.open(user)) {
            Mailbox m = u.open(path);
            List<MessageMeta> all = m.metaAfter(0);
            assertThat(all).hasSize(1);
            return m.content(all.get(0).uid()).readAllBytes();
        }
    }

    @Test
    void delivery_is_byte_exact_and_published_to_watchers_at_once() throws Exception {
        Mailbox inbox;
        try (UserMailboxes u = tracked.open("bob@example.com", Origin.HOST)) {
            inbox = u.open(MailboxPath.INBOX);
        }
        List<MailboxChange> seen = new CopyOnWriteArrayList<>();
        tracked.hub().subscribe(inbox.id(), seen::add); // what an IDLE session does
        MemoryConnection c = login(LocalDelivery.builder(tracked).localDomains("example.com").build());
        c.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nRCPT TO:<nobody@example.com>\r\nDATA\r\n");
        assertThat(c.takeOutput()).contains("550 5.1.1 No such user here");
        c.send("Subject: hi\r\n\r\n\u00fcber 8bit\r\n..x\r\n.\r\n");
        assertThat(c.takeOutput()).startsWith("250 2.0.0 ");
        assertThat(seen).singleElement().isInstanceOf(MailboxChange.MessagesAdded.class);
        assertThat(seen.get(0).origin()).isEqualTo(Origin.HOST);
        assertThat(only("bob@example.com", MailboxPath.INBOX))
                .isEqualTo("Subject: hi\r\n\r\n\u00fcber 8bit\r\n.x\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sent_copy_lands_in_the_special_use_sent_mailbox_seen() throws Exception {
        MemoryConnection c = login(LocalDelivery.builder(tracked).saveSentCopy(true).build());
        c.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nSubject: s\r\n\r\nx\r\n.\r\n");
        assertThat(c.takeOutput()).endsWith("250 2.0.0 Message accepted for delivery\r\n");
        MailboxPath sent;
        try (UserMailboxes u = store.open("alice@example.com")) {
            sent = u.findSpecialUse(SpecialUse.SENT).orElseThrow().path();
            List<MessageMeta> metas = u.open(sent).metaAfter(0);
            assertThat(metas).singleElement().satisfies(m -> assertThat(m.flags()).contains(Flag.SEEN));
        }
        assertThat(only("alice@example.com", sent)).isEqualTo(only("bob@example.com", MailboxPath.INBOX));
    }

    @Test
    void sent_mailbox_is_created_when_missing() {
        InMemoryMailStore bare = InMemoryMailStore.builder().autoCreateUsers(false).noDefaultFolders().user("alice@example.com").build();
        DeliveryTarget t = DeliveryTarget.of(TrackedStore.of(bare));
        MailboxPath p = t.sentFolder("alice@example.com");
        assertThat(p).isEqualTo(MailboxPath.of("Sent"));
        try (UserMailboxes u = bare.open("alice@example.com")) {
            assertThat(u.findSpecialUse(SpecialUse.SENT)).map(i -> i.path()).isEqualTo(Optional.of(p));
        }
        assertThat(t.sentFolder("alice@example.com")).isEqualTo(p);
    }

    @Test
    void over_quota_store_answers_552_5_2_2() {
        InMemoryMailStore small = InMemoryMailStore.builder().autoCreateUsers(false).user("alice@example.com", "bob@example.com")
                .quota("bob@example.com", 10, -1).build();
        MemoryConnection c = login(LocalDelivery.builder(TrackedStore.of(small)).build());
        c.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n" + "x".repeat(100) + "\r\n.\r\n");
        assertThat(c.takeOutput()).endsWith("552 5.2.2 Mailbox full\r\n");
    }
}
