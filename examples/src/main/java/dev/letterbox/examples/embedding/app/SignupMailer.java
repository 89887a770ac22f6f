package dev.letterbox.examples.embedding.app;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/**
 * Embedding example 2, the application under test: it sends a welcome mail through SMTP submission and
 * reads a mailbox through IMAP, configured only by Jakarta Mail properties and credentials, as a real
 * application would be. {@code SignupMailerTest} tests it against a {@code MailTestServer}.
 */
public final class SignupMailer {
    private final Properties smtp;
    private final Properties imap;
    private final String sender;
    private final String senderPassword;

    public SignupMailer(Properties smtp, Properties imap, String sender, String senderPassword) {
        this.smtp = Objects.requireNonNull(smtp);
        this.imap = Objects.requireNonNull(imap);
        this.sender = Objects.requireNonNull(sender);
        this.senderPassword = Objects.requireNonNull(senderPassword);
    }

    /** Sends the welcome mail to a new user. */
    public void welcome(String address, String name) throws MessagingException {
        Session session = Session.getInstance(smtp);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(sender));
        m.setRecipients(Message.RecipientType.TO, address);
        m.setSubject("Welcome, " + name + "!");
        m.setText("Hello " + name + ",\n\nyour account is ready.\n", "UTF-8");
        try (Transport t = session.getTransport()) {
            t.connect(sender, senderPassword);
            m.saveChanges();
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    /** The subjects in a user's INBOX, oldest first. */
    public List<String> inboxSubjects(String user, String password) throws MessagingException {
        Session session = Session.getInstance(imap);
        try (Store store = session.getStore()) {
            store.connect(user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                List<String> out = new ArrayList<>();
                for (Message m : inbox.getMessages()) out.add(m.getSubject());
                return out;
            } finally {
                inbox.close(false);
            }
        }
    }
}
