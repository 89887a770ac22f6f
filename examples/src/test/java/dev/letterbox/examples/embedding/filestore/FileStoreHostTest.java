package dev.letterbox.examples.embedding.filestore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.UserRegistry;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-backed host keeps submitted mail in its files, across a restart. */
class FileStoreHostTest {
    private static Properties props(String protocol, int port) {
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", "127.0.0.1");
        p.put("mail." + protocol + ".port", String.valueOf(port));
        p.put("mail." + protocol + ".timeout", "10000");
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail.smtp.auth", "true");
        return p;
    }

    @Test
    void submitted_mail_is_stored_in_files_and_survives_a_restart(@TempDir Path dir) throws Exception {
        UserRegistry users = UserRegistry.forTests().addUser("alice@example.com", "pw");
        try (FileStoreHost host = FileStoreHost.start(dir, users, 0, 0, 0)) {
            Session s = Session.getInstance(props("smtp", host.port("submission")));
            MimeMessage m = new MimeMessage(s);
            m.setFrom(new InternetAddress("alice@example.com"));
            m.setRecipients(Message.RecipientType.TO, "alice@example.com");
            m.setSubject("kept on disk");
            m.setText("hi");
            try (Transport t = s.getTransport("smtp")) {
                t.connect("alice@example.com", "pw");
                m.saveChanges();
                t.sendMessage(m, m.getAllRecipients());
            }
        }
        try (FileStoreHost host = FileStoreHost.start(dir, users, 0, 0, 0);
             Store store = Session.getInstance(props("pop3", host.port("pop3"))).getStore("pop3")) {
            store.connect("alice@example.com", "pw");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("kept on disk");
            inbox.close(false);
        }
    }
}
