package dev.letterbox.testkit.e2e.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MessageChangedEvent;
import jakarta.mail.event.MessageChangedListener;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The IMAP server over real sockets (127.0.0.1, ephemeral ports) with Angus Mail's IMAP provider:
 * plain, STARTTLS and implicit TLS.
 */
class ImapAngusE2eTest {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();
    static InMemoryMailStore store;
    static TrackedStore tracked;
    static MailServer server;

    enum Mode { PLAIN, STARTTLS, IMAPS }

    @BeforeAll
    static void start() throws Exception {
        store = InMemoryMailStore.builder().user("alice", "bob").build();
        tracked = new TrackedStore(store, new InMemoryChangeHub());
        UserRegistry users = UserRegistry.forTests();
        users.addUser("alice", "secret");
        users.addUser("bob", "secret");
        var auth = DefaultAuthService.builder().authenticator(users).failedLoginDelay(Duration.ZERO).build();
        ImapProtocol imap = ImapProtocol.builder(tracked, auth).build();
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        server = MailServer.builder().tls(CERT.tlsConfig()).plain("imap", any, imap).implicitTls("imaps", any, imap).start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static Session session(Mode mode) {
        Properties p = new Properties();
        String proto = mode == Mode.IMAPS ? "imaps" : "imap";
        p.put("mail.store.protocol", proto);
        p.put("mail." + proto + ".host", "127.0.0.1");
        p.put("mail." + proto + ".port", String.valueOf(server.port(mode == Mode.IMAPS ? "imaps" : "imap")));
        p.put("mail." + proto + ".connectiontimeout", "10000");
        p.put("mail." + proto + ".timeout", "10000");
        p.put("mail." + proto + ".ssl.socketFactory", CERT.clientSocketFactory());
        if (mode == Mode.STARTTLS) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        return Session.getInstance(p);
    }

    static Store connect(Mode mode, String user) throws Exception {
        Store s = session(mode).getStore();
        s.connect(user, "secret");
        return s;
    }

    static MimeMessage sample(Session s, String subject) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("carol@example.com"));
        m.setRecipients(Message.RecipientType.TO, "alice@example.com");
        m.setSubject(subject, "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello " + subject + " – grüße", "UTF-8");
        MimeBodyPart att = new MimeBodyPart();
        att.setContent(new byte[] {0, 1, 2, 3, (byte) 0xff}, "application/octet-stream");
        att.setFileName("blob.bin");
        m.setContent(new MimeMultipart(text, att));
        m.saveChanges();
        return m;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void folders_append_fetch_search_flags_move(Mode mode) throws Exception {
        String user = "alice";
        Store st = connect(mode, user);
        try {
            String name = "E2E-" + mode;
            Folder f = st.getFolder(name);
            assertThat(f.create(Folder.HOLDS_MESSAGES | Folder.HOLDS_FOLDERS)).isTrue();
            Folder child = f.getFolder("Sub");
            assertThat(child.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(f.list()).extracting(Folder::getFullName).containsExactly(name + "/Sub");
            Session s = session(mode);
            f.appendMessages(new Message[] {sample(s, "first"), sample(s, "second ärger")});
            f.open(Folder.READ_WRITE);
            assertThat(f.getMessageCount()).isEqualTo(2);
            Message m2 = f.getMessage(2);
            assertThat(m2.getSubject()).isEqualTo("second ärger");
            Multipart mp = (Multipart) m2.getContent();
            assertThat(mp.getCount()).isEqualTo(2);
            assertThat(mp.getBodyPart(0).getContent().toString()).contains("grüße");
            ByteArrayOutputStream bin = new ByteArrayOutputStream();
            mp.getBodyPart(1).getInputStream().transferTo(bin);
            assertThat(bin.toByteArray()).containsExactly(0, 1, 2, 3, 0xff);
            assertThat(f.search(new SubjectTerm("first"))).extracting(Message::getMessageNumber).containsExactly(1);
            f.getMessage(1).setFlag(Flags.Flag.FLAGGED, true);
            assertThat(f.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true)))
                    .extracting(Message::getMessageNumber).containsExactly(1);
            long uid2 = ((IMAPFolder) f).getUID(m2);
            ((IMAPFolder) f).moveMessages(new Message[] {f.getMessage(1)}, child);
            assertThat(st.getFolder(name).getMessageCount()).as("STATUS after MOVE").isEqualTo(1);
            assertThat(((IMAPFolder) f).getMessageByUID(uid2).getSubject()).isEqualTo("second ärger");
            child.open(Folder.READ_ONLY);
            assertThat(child.getMessageCount()).isEqualTo(1);
            assertThat(child.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
            child.close(false);
            f.close(true);
        } finally {
            st.close();
        }
    }

    @Test
    void a_large_message_is_spooled_on_append_and_served_back_byte_exact() throws Exception {
        Store st = connect(Mode.STARTTLS, "alice");
        try {
            Session s = session(Mode.STARTTLS);
            MimeMessage m = new MimeMessage(s);
            m.setSubject("large");
            byte[] blob = new byte[3 << 20];
            new java.util.Random(7).nextBytes(blob);
            MimeBodyPart att = new MimeBodyPart();
            att.setContent(blob, "application/octet-stream");
            att.setFileName("big.bin");
            m.setContent(new MimeMultipart(att));
            m.saveChanges();
            Folder f = st.getFolder("Large");
            f.create(Folder.HOLDS_MESSAGES);
            f.appendMessages(new Message[] {m});
            f.open(Folder.READ_ONLY);
            Multipart mp = (Multipart) f.getMessage(1).getContent();
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            mp.getBodyPart(0).getInputStream().transferTo(back);
            assertThat(back.toByteArray()).isEqualTo(blob);
            f.close(false);
        } finally {
            st.close();
        }
    }

    @Test
    void idle_receives_new_mail_and_flag_changes_from_another_client() throws Exception {
        Store idlerStore = connect(Mode.PLAIN, "bob");
        Store other = connect(Mode.STARTTLS, "bob");
        try {
            IMAPFolder inbox = (IMAPFolder) idlerStore.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            int before = inbox.getMessageCount();
            CountDownLatch added = new CountDownLatch(1);
            CountDownLatch flagged = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            inbox.addMessageCountListener(new MessageCountAdapter() {
                @Override
                public void messagesAdded(MessageCountEvent e) {
                    added.countDown();
                }
            });
            inbox.addMessageChangedListener(new MessageChangedListener() {
                @Override
                public void messageChanged(MessageChangedEvent e) {
                    flagged.countDown();
                }
            });
            Thread idler = new Thread(() -> {
                try {
                    while (flagged.getCount() > 0 && inbox.isOpen()) inbox.idle(true);
                } catch (Exception e) {
                    failure.set(e);
                }
            }, "idler");
            idler.start();
            // wait until the server has the idler in IDLE: deliveries before that are still reported by the first drain
            tracked.deliver("bob", MessageSource.ofBytes(
                    "From: x@example.com\r\nSubject: pushed\r\n\r\nhi\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(added.await(10, TimeUnit.SECONDS)).as("EXISTS pushed during IDLE").isTrue();
            Folder o = other.getFolder("INBOX");
            o.open(Folder.READ_WRITE);
            o.getMessage(o.getMessageCount()).setFlag(Flags.Flag.SEEN, true);
            assertThat(flagged.await(10, TimeUnit.SECONDS)).as("FETCH FLAGS pushed during IDLE").isTrue();
            idler.join(10_000);
            assertThat(idler.isAlive()).isFalse();
            assertThat(failure.get()).isNull();
            assertThat(inbox.getMessageCount()).isEqualTo(before + 1);
            o.close(false);
        } finally {
            other.close();
            idlerStore.close();
        }
    }

    @Test
    void python_imaplib_can_use_the_server() throws Exception {
        ProcessBuilder check = new ProcessBuilder("python3", "--version");
        Process probe;
        try {
            probe = check.start();
            probe.waitFor(10, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 not installed");
            return;
        }
        tracked.deliver("alice", MessageSource.ofBytes(
                "From: py@example.com\r\nSubject: from-python-test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        String script = String.join("\n",
                "import imaplib, sys",
                "m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))",
                "m.login('alice', 'secret')",
                "typ, data = m.select('INBOX')",
                "typ, data = m.search(None, 'SUBJECT', 'from-python-test')",
                "n = data[0].split()[-1]",
                "typ, data = m.fetch(n, '(BODY.PEEK[HEADER.FIELDS (SUBJECT)] FLAGS)')",
                "print(data[0][1].decode().strip())",
                "typ, data = m.store(n, '+FLAGS', '\\\\Flagged')",
                "print(data[0].decode())",
                "typ, data = m.list()",
                "print(len(data) > 0)",
                "m.logout()");
        Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(server.port("imap")))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Subject: from-python-test", "\\Flagged", "True");
    }
}
