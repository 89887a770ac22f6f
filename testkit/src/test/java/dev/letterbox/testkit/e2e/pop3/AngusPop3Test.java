package dev.letterbox.testkit.e2e.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.pop3.DeletionPolicy;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Angus Mail's POP3 provider against the real transport: plain, STLS and implicit TLS. */
class AngusPop3Test {
    private Pop3Server server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static final String M1 = "From: a@example.org\r\nTo: alice@example.org\r\nSubject: one\r\n\r\nHello\r\n";
    private static final String M2 = "From: a@example.org\r\nSubject: dots\r\n\r\n.starts with a dot\r\n..two\r\n.\r\nend\r\n";

    private Store connect(String protocol, int port, boolean starttls) throws Exception {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", "127.0.0.1");
        p.put(prefix + "port", Integer.toString(port));
        p.put(prefix + "connectiontimeout", "10000");
        p.put(prefix + "timeout", "10000");
        p.put(prefix + "ssl.socketFactory", Pop3Server.CERT.clientSocketFactory());
        p.put(prefix + "ssl.checkserveridentity", "true");
        if (starttls) {
            p.put(prefix + "starttls.enable", "true");
            p.put(prefix + "starttls.required", "true");
        }
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect("alice", "secret");
        return store;
    }

    private static String raw(Message m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plain_retrieves_messages_byte_exact_and_deletes_on_close() throws Exception {
        server = new Pop3Server();
        server.deliver("alice", M1);
        server.deliver("alice", M2);
        Store store = connect("pop3", server.port(), false);
        POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        Message[] msgs = inbox.getMessages();
        assertThat(msgs).hasSize(2);
        assertThat(raw(msgs[0])).isEqualTo(M1);
        assertThat(raw(msgs[1])).isEqualTo(M2);
        String uid1 = inbox.getUID(msgs[0]);
        String uid2 = inbox.getUID(msgs[1]);
        assertThat(uid1).isNotEqualTo(uid2).matches("[0-9a-f]{16}");
        msgs[0].setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        store.close();
        assertThat(server.inboxCount("alice")).isEqualTo(1);

        Store again = connect("pop3", server.port(), false);
        POP3Folder f2 = (POP3Folder) again.getFolder("INBOX");
        f2.open(Folder.READ_ONLY);
        assertThat(f2.getMessageCount()).isEqualTo(1);
        assertThat(f2.getUID(f2.getMessage(1))).isEqualTo(uid2);
        f2.close(false);
        again.close();
    }

    @Test
    void stls_is_required_for_passwords_when_plaintext_is_not_allowed() throws Exception {
        server = new Pop3Server(false, b -> { });
        server.deliver("alice", M1);
        assertThatThrownBy(() -> connect("pop3", server.port(), false)).isInstanceOf(AuthenticationFailedException.class);
        Store store = connect("pop3", server.port(), true);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(raw(inbox.getMessage(1))).isEqualTo(M1);
        inbox.close(false);
        store.close();
    }

    @Test
    void implicit_tls_pop3s() throws Exception {
        server = new Pop3Server(false, b -> { });
        server.deliver("alice", M2);
        Store store = connect("pop3s", server.tlsPort(), false);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(raw(inbox.getMessage(1))).isEqualTo(M2);
        inbox.close(false);
        store.close();
    }

    @Test
    void leave_a_copy_on_the_server_with_move_to_archive() throws Exception {
        server = new Pop3Server(true, b -> b.deletionPolicy(DeletionPolicy.moveTo(MailboxPath.of("Archive"))));
        server.deliver("alice", M1);
        Store store = connect("pop3", server.port(), false);
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
        inbox.close(true);
        store.close();
        assertThat(server.inboxCount("alice")).isZero();
        assertThat(server.store.open("alice").open(MailboxPath.of("Archive")).allUids().size()).isEqualTo(1);
    }
}
