package dev.letterbox.testkit.server;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Service;
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
import java.util.Properties;

/** Angus Mail clients against a test server. */
final class Clients {
    private Clients() {
    }

    static MimeMessage message(String from, String to, String subject, String body) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject);
        m.setText(body);
        return m;
    }

    static void send(MailTestServer server, Service service, Properties props, String user, String password, MimeMessage m)
            throws MessagingException {
        Session session = Session.getInstance(props);
        MimeMessage copy = new MimeMessage(session, toStream(m));
        try (Transport t = session.getTransport(MailTestServer.mailProtocol(service))) {
            if (user == null) {
                t.connect();
            } else {
                t.connect(user, password);
            }
            copy.saveChanges();
            t.sendMessage(copy, copy.getAllRecipients());
        }
    }

    private static java.io.InputStream toStream(MimeMessage m) throws MessagingException {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            m.writeTo(out);
            return new java.io.ByteArrayInputStream(out.toByteArray());
        } catch (java.io.IOException e) {
            throw new MessagingException("copy", e);
        }
    }

    /** Subjects of the messages in a folder, read with the store protocol of {@code service}. */
    static List<String> subjects(MailTestServer server, Service service, Properties props, String user, String password,
                                 String folder) throws MessagingException {
        Session session = Session.getInstance(props);
        try (Store store = session.getStore(MailTestServer.mailProtocol(service))) {
            store.connect(user, password);
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            List<String> out = new ArrayList<>();
            for (Message m : f.getMessages()) out.add(m.getSubject());
            f.close(false);
            return out;
        }
    }
}
