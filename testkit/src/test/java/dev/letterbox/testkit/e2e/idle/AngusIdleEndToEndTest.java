package dev.letterbox.testkit.e2e.idle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ConnectionListener;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.pop3.Pop3Protocol;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.event.MessageChangedEvent;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 2177 IDLE end to end with Angus Mail's {@link IMAPFolder#idle()}: the change is made only after
 * the server has seen the client's {@code IDLE} command (a connection listener signals it), so what the
 * client receives is pushed while it idles — from an SMTP submission (local delivery), from another IMAP
 * client's STORE, and from a POP3 session's QUIT deletion. All waits are bounded latches.
 */
class AngusIdleEndToEndTest {
    private MailServer server;
    private TrackedStore store;
    /** One permit per IDLE command the IMAP server received. */
    private final Semaphore idleCommands = new Semaphore(0);

    @BeforeEach
    void start() throws Exception {
        store = TrackedStore.of(InMemoryMailStore.builder().autoCreateUsers(false)
                .user("alice@example.com", "bob@example.com").build());
        DefaultAuthService auth = DefaultAuthService.builder().authenticator(UserRegistry.forTests()
                .addUser("alice@example.com", "secret").addUser("bob@example.com", "hunter2"))
                .failedLoginDelay(Duration.ZERO).build();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = MailServer.builder()
                .listener(new ConnectionListener() {
                    @Override
                    public void command(ConnectionInfo info, String verb) {
                        if (info.endpoint().equals("imap") && verb.equals("IDLE")) idleCommands.release();
                    }
                })
                .plain("submission", any, SubmissionProtocol.builder(auth,
                        LocalDelivery.builder(store).localDomains("example.com").build()).build())
                .plain("imap", any, ImapProtocol.builder(store, auth).build())
                .plain("pop3", any, Pop3Protocol.builder(store, auth).build())
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(server.port("submission")));
        p.put("mail.smtp.auth", "true");
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", String.valueOf(server.port("imap")));
        p.put("mail.pop3.host", "127.0.0.1");
        p.put("mail.pop3.port", String.valueOf(server.port("pop3")));
        for (String proto : new String[] {"smtp", "imap", "pop3"}) {
            p.put("mail." + proto + ".timeout", "30000");
            p.put("mail." + proto + ".connectiontimeout", "30000");
        }
        return Session.getInstance(p);
    }

    private void deliver(String user, String subject) {
        store.deliver(user, MessageSource.ofBytes(("From: alice@example.com\r\nSubject: " + subject
                + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    /** Runs {@code folder.idle()} on its own thread until {@code until} reaches zero or the folder fails. */
    private static Thread idleUntil(IMAPFolder folder, CountDownLatch until, AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                while (until.getCount() > 0) folder.idle(true);
            } catch (Throwable e) {
                failure.set(e);
                until.countDown();
            }
        }, "angus-idle");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private IMAPFolder openInbox(Store s, String user, String password) throws Exception {
        s.connect(user, password);
        IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        return inbox;
    }

    /** Any other use of the folder makes Angus end the IDLE (DONE); the idle thread then sees its latch at zero. */
    private static void endIdle(IMAPFolder folder, Thread idler) throws Exception {
        folder.getMessageCount();
        idler.join(30_000);
        assertThat(idler.isAlive()).as("idle() returned").isFalse();
    }

    private void awaitIdle() throws InterruptedException {
        assertThat(idleCommands.tryAcquire(30, TimeUnit.SECONDS)).as("the server received IDLE").isTrue();
    }

    @Test
    void a_message_submitted_over_smtp_reaches_an_idling_client_rfc2177() throws Exception {
        Session s = session();
        try (Store imap = s.getStore("imap")) {
            IMAPFolder inbox = openInbox(imap, "bob@example.com", "hunter2");
            assertThat(inbox.getMessageCount()).isZero();
            CountDownLatch added = new CountDownLatch(1);
            AtomicReference<String> subject = new AtomicReference<>();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    try {
                        subject.set(e.getMessages()[0].getSubject());
                    } catch (Exception ex) {
                        subject.set("unreadable: " + ex);
                    }
                    added.countDown();
                }
            });
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread idler = idleUntil(inbox, added, failure);
            awaitIdle();

            MimeMessage m = new MimeMessage(s);
            m.setFrom(new InternetAddress("alice@example.com"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
            m.setSubject("pushed while idling");
            m.setText("hello\r\n");
            Transport.send(m, "alice@example.com", "secret");

            assertThat(added.await(30, TimeUnit.SECONDS)).as("* 1 EXISTS pushed during IDLE").isTrue();
            assertThat(failure.get()).isNull();
            endIdle(inbox, idler);
            assertThat(subject.get()).isEqualTo("pushed while idling");
            assertThat(inbox.getMessageCount()).isEqualTo(1);
        }
    }

    @Test
    void flags_set_by_another_client_arrive_during_idle_rfc2177() throws Exception {
        deliver("bob@example.com", "one");
        deliver("bob@example.com", "two");
        Session s = session();
        try (Store idlerStore = s.getStore("imap"); Store otherStore = s.getStore("imap")) {
            IMAPFolder inbox = openInbox(idlerStore, "bob@example.com", "hunter2");
            Message second = inbox.getMessage(2);
            assertThat(second.isSet(Flags.Flag.FLAGGED)).isFalse();
            CountDownLatch changed = new CountDownLatch(1);
            AtomicReference<Integer> which = new AtomicReference<>();
            inbox.addMessageChangedListener(e -> {
                if (e.getMessageChangeType() == MessageChangedEvent.FLAGS_CHANGED) {
                    which.set(e.getMessage().getMessageNumber());
                    changed.countDown();
                }
            });
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread idler = idleUntil(inbox, changed, failure);
            awaitIdle();

            IMAPFolder other = openInbox(otherStore, "bob@example.com", "hunter2");
            other.getMessage(2).setFlag(Flags.Flag.FLAGGED, true);

            assertThat(changed.await(30, TimeUnit.SECONDS)).as("* 2 FETCH (FLAGS ...) pushed during IDLE").isTrue();
            assertThat(failure.get()).isNull();
            endIdle(inbox, idler);
            assertThat(which.get()).isEqualTo(2);
            assertThat(second.isSet(Flags.Flag.FLAGGED)).isTrue();
            other.close(false);
        }
    }

    @Test
    void a_pop3_quit_deletion_arrives_at_an_idling_client_as_expunge() throws Exception {
        for (int i = 1; i <= 3; i++) deliver("bob@example.com", "m" + i);
        Session s = session();
        try (Store imap = s.getStore("imap")) {
            IMAPFolder inbox = openInbox(imap, "bob@example.com", "hunter2");
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            CountDownLatch removed = new CountDownLatch(1);
            AtomicReference<Integer> removedNumber = new AtomicReference<>();
            AtomicReference<Message> removedMessage = new AtomicReference<>();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesRemoved(MessageCountEvent e) {
                    removedNumber.set(e.getMessages()[0].getMessageNumber());
                    removedMessage.set(e.getMessages()[0]);
                    removed.countDown();
                }
            });
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread idler = idleUntil(inbox, removed, failure);
            awaitIdle();

            try (Store pop = s.getStore("pop3")) {
                pop.connect("bob@example.com", "hunter2");
                Folder popInbox = pop.getFolder("INBOX");
                popInbox.open(Folder.READ_WRITE);
                popInbox.getMessage(2).setFlag(Flags.Flag.DELETED, true); // DELE 2
                popInbox.close(true); // QUIT: the deletion happens now (RFC 1939 §6)
            }

            assertThat(removed.await(30, TimeUnit.SECONDS)).as("* 2 EXPUNGE pushed during IDLE").isTrue();
            assertThat(failure.get()).isNull();
            endIdle(inbox, idler);
            assertThat(removedNumber.get()).isEqualTo(2);
            assertThat(removedMessage.get().isExpunged()).isTrue();
            try (Store check = s.getStore("imap")) {
                IMAPFolder again = openInbox(check, "bob@example.com", "hunter2");
                assertThat(again.getMessageCount()).isEqualTo(2);
                assertThat(again.getMessage(2).getSubject()).isEqualTo("m3");
            }
        }
    }
}
