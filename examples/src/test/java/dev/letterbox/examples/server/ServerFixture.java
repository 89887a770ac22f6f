package dev.letterbox.examples.server;

import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.SpecialUse;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Starts the standalone server in-process with a known certificate, and submits with Angus Mail. */
final class ServerFixture {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

    private ServerFixture() {
    }

    /** All listeners on ephemeral ports, TLS from {@link #CERT}, plus {@code more}. */
    static LetterboxServer.Running start(Path dir, ByteArrayOutputStream out, String... more) throws Exception {
        Path cert = dir.resolve("server-cert.pem");
        Path key = dir.resolve("server-key.pem");
        CERT.writePem(cert, key);
        List<String> args = new ArrayList<>(List.of("--imap", "0", "--imaps", "0", "--pop3", "0", "--pop3s", "0",
                "--submission", "0", "--submissions", "0", "--tls-cert", cert.toString(), "--tls-key", key.toString()));
        args.addAll(List.of(more));
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return LetterboxServer.start(args.toArray(new String[0]), ps, ps);
    }

    /** Submits over the STARTTLS submission listener as {@code user}, AUTH required. */
    static void submit(LetterboxServer.Running running, String user, String password, String from, String subject,
                       String... to) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(running.listeners().get("submission").getPort()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.ssl.socketFactory", CERT.clientSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        for (String r : to) m.addRecipient(Message.RecipientType.TO, new InternetAddress(r));
        m.setSubject(subject);
        m.setText("Hello.\r\nSecond line.\r\n");
        try (Transport t = session.getTransport("smtp")) {
            t.connect(user, password);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    /** The raw messages in a user's mailbox, straight from the store. */
    static List<byte[]> messages(LetterboxServer.Running running, String user, MailboxPath path) {
        Mailbox box = mailboxes(running, user).open(path);
        List<byte[]> all = new ArrayList<>();
        for (var meta : box.metaAfter(0)) {
            try {
                all.add(box.content(meta.uid()).readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    static MailboxPath sent(LetterboxServer.Running running, String user) {
        return mailboxes(running, user).findSpecialUse(SpecialUse.SENT).orElseThrow().path();
    }

    private static UserMailboxes mailboxes(LetterboxServer.Running running, String user) {
        return running.backend().store().store().open(user);
    }
}
