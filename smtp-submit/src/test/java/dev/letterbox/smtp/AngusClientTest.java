package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.smtp.delivery.LocalDelivery;
import dev.letterbox.smtp.delivery.SmarthostRelay;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real client over a socket: Angus Mail's SMTP transport against the protocol (plain loopback TCP). */
class AngusClientTest {
    final RecordingHandler handler = new RecordingHandler();
    PlainSocketServer server;
    PlainSocketServer second;

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (second != null) second.close();
    }

    Session session(Properties extra) throws Exception {
        if (server == null) {
            server = new PlainSocketServer(SubmissionProtocol.builder(TestUsers.auth(), handler).hostname("mx.test")
                    .senderPolicy(SenderPolicy.any()).maxMessageSize(30L << 20).build());
        }
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(server.port()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.connectiontimeout", "20000");
        p.putAll(extra);
        return Session.getInstance(p);
    }

    static byte[] bytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage message(Session s, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipients(Message.RecipientType.TO, "bob@example.com, carol@example.com, dave@example.net");
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.saveChanges();
        return m;
    }

    String trimmedLast() {
        String all = handler.lastMessage();
        return all.substring(all.indexOf("\r\n", all.indexOf(";\r\n\t") + 3) + 2); // after the Received field
    }

    @Test
    void auth_plain_multiple_recipients_message_byte_exact() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.auth.mechanisms", "PLAIN");
        Session s = session(p);
        MimeMessage m = message(s, "Hello", "plain text\r\n.leading dot line\r\n");
        Transport.send(m, "alice@example.com", "secret");
        assertThat(handler.rcpts).extracting(RcptTo::address).containsExactly("bob@example.com", "carol@example.com", "dave@example.net");
        assertThat(trimmedLast().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes(m));
        assertThat(handler.contexts.get(0).authMechanism()).contains("PLAIN");
    }

    @Test
    void auth_login_and_wrong_password() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.auth.mechanisms", "LOGIN");
        Session s = session(p);
        Transport.send(message(s, "x", "y"), "bob@example.com", "hunter2");
        assertThat(handler.contexts.get(0).authMechanism()).contains("LOGIN");
        assertThatThrownBy(() -> Transport.send(message(s, "x", "y"), "bob@example.com", "nope"))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void eight_bit_and_smtputf8_messages_rfc6152_rfc6531() throws Exception {
        Properties p = new Properties();
        p.put("mail.mime.allowutf8", "true");
        Session s = session(p);
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("jörg@bücher.example"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("用户@例子.广告"));
        m.setSubject("Grüße ☃", "UTF-8");
        m.setText("Ünïcödé body ☃\r\n", "UTF-8");
        m.setHeader("Content-Transfer-Encoding", "8bit");
        m.saveChanges();
        m.setHeader("Content-Transfer-Encoding", "8bit");
        Transport.send(m, "alice@example.com", "secret");
        assertThat(handler.mails.get(0).smtpUtf8()).isTrue();
        assertThat(handler.mails.get(0).address()).isEqualTo("jörg@bücher.example");
        assertThat(handler.rcpts.get(0).address()).isEqualTo("用户@例子.广告");
        assertThat(handler.lastMessage()).contains("with UTF8SMTPA id").contains("Ünïcödé body ☃");
        assertThat(trimmedLast().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes(m));
    }

    @Test
    void bdat_chunking_and_dsn_options_rfc3030_rfc3461() throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.chunksize", "1000");
        p.put("mail.smtp.dsn.notify", "SUCCESS,FAILURE");
        p.put("mail.smtp.dsn.ret", "HDRS");
        Session s = session(p);
        SMTPMessage m = new SMTPMessage(message(s, "chunky", "line\r\n".repeat(1000)));
        m.setMailExtension("ENVID=env+2B1");
        Transport.send(m, "alice@example.com", "secret");
        assertThat(handler.mails.get(0).ret()).contains(MailFrom.DsnReturn.HDRS);
        assertThat(handler.mails.get(0).envelopeId()).contains("env+1");
        assertThat(handler.rcpts.get(0).notifyOn()).containsExactlyInAnyOrder(RcptTo.DsnNotify.SUCCESS, RcptTo.DsnNotify.FAILURE);
        assertThat(trimmedLast().getBytes(StandardCharsets.UTF_8)).isEqualTo(bytes(m));
    }

    @Test
    void twenty_megabyte_message_arrives_intact() throws Exception {
        Session s = session(new Properties());
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.com"));
        m.setSubject("big");
        StringBuilder sb = new StringBuilder(21 << 20);
        for (int i = 0; sb.length() < 20 << 20; i++) sb.append(i % 50 == 0 ? "." : "").append("line ").append(i).append(" of a big message\r\n");
        m.setText(sb.toString());
        m.setHeader("Content-Transfer-Encoding", "7bit");
        m.saveChanges();
        m.setHeader("Content-Transfer-Encoding", "7bit");
        Transport.send(m, "alice@example.com", "secret");
        byte[] expected = bytes(m);
        assertThat(expected.length).isGreaterThan(20 << 20);
        byte[] got = handler.messages.get(0);
        byte[] tail = java.util.Arrays.copyOfRange(got, got.length - expected.length, got.length);
        assertThat(tail).isEqualTo(expected);
    }

    @Test
    void relay_through_smarthost_into_second_letterbox_server() throws Exception {
        RecordingHandler remote = new RecordingHandler();
        second = new PlainSocketServer(SubmissionProtocol.builder(TestUsers.auth(), remote).hostname("smarthost.test")
                .senderPolicy(SenderPolicy.any()).build());
        dev.letterbox.smtp.delivery.DeliveryTarget none = new dev.letterbox.smtp.delivery.DeliveryTarget() {
            @Override
            public boolean hasUser(String user) {
                return user.equals("bob@example.com");
            }

            @Override
            public void deliver(String user, dev.letterbox.core.store.MailboxPath folder, dev.letterbox.core.store.MessageSource message,
                                java.util.Set<dev.letterbox.core.store.Flag> flags, java.time.Instant internalDate) {
                handler.calls.add("local " + user);
            }

            @Override
            public dev.letterbox.core.store.MailboxPath sentFolder(String user) {
                throw new UnsupportedOperationException();
            }
        };
        SmarthostRelay relay = SmarthostRelay.builder("127.0.0.1", second.port()).security(SmarthostRelay.Security.NONE)
                .credentials("bob@example.com", "hunter2").heloName("mx.test").build();
        server = new PlainSocketServer(SubmissionProtocol.builder(TestUsers.auth(),
                LocalDelivery.builder(none).localDomains("example.com").relay(relay).build()).hostname("mx.test").build());
        Session s = session(new Properties());
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipients(Message.RecipientType.TO, "bob@example.com, far@remote.example");
        m.setSubject("relayed");
        m.setText("via smarthost\r\n");
        m.saveChanges();
        Transport.send(m, "alice@example.com", "secret");
        assertThat(handler.calls).contains("local bob@example.com");
        assertThat(remote.mails.get(0).address()).isEqualTo("alice@example.com");
        assertThat(remote.rcpts).extracting(RcptTo::address).containsExactly("far@remote.example");
        assertThat(remote.contexts.get(0).principal().orElseThrow().name()).isEqualTo("bob@example.com");
        String relayed = remote.lastMessage();
        // two Received fields: the smarthost's on top of ours, then the client's bytes unchanged
        assertThat(relayed).startsWith("Received: from mx.test").contains("by mx.test (Letterbox)");
        String original = new String(bytes(m), StandardCharsets.UTF_8);
        assertThat(relayed).endsWith(original);
    }

    @Test
    void smarthost_down_is_451_4_4_1_and_nothing_delivered_locally() throws Exception {
        java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        int deadPort = closed.getLocalPort();
        closed.close();
        SmarthostRelay relay = SmarthostRelay.builder("127.0.0.1", deadPort).security(SmarthostRelay.Security.NONE)
                .timeout(java.time.Duration.ofSeconds(5)).build();
        server = new PlainSocketServer(SubmissionProtocol.builder(TestUsers.auth(),
                LocalDelivery.builder(new dev.letterbox.smtp.delivery.DeliveryTarget() {
                    @Override
                    public boolean hasUser(String user) {
                        return false;
                    }

                    @Override
                    public void deliver(String u, dev.letterbox.core.store.MailboxPath f, dev.letterbox.core.store.MessageSource m,
                                        java.util.Set<dev.letterbox.core.store.Flag> fl, java.time.Instant d) {
                        throw new AssertionError("no local delivery expected");
                    }

                    @Override
                    public dev.letterbox.core.store.MailboxPath sentFolder(String user) {
                        throw new UnsupportedOperationException();
                    }
                }).relay(relay).build()).build());
        Session s = session(new Properties());
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipients(Message.RecipientType.TO, "far@remote.example");
        m.setText("x");
        assertThatThrownBy(() -> Transport.send(m, "alice@example.com", "secret"))
                .hasStackTraceContaining("451 4.4.1 Relay host unavailable");
    }
}
