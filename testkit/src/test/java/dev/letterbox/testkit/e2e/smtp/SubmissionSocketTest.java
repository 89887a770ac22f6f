package dev.letterbox.testkit.e2e.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.delivery.LocalDelivery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw SMTP over TCP against MailServer: pipelining, smuggling, timeouts, busy and shutdown replies. */
class SubmissionSocketTest {
    final InMemoryMailStore store = InMemoryMailStore.builder().autoCreateUsers(false).user("alice@example.com", "bob@example.com").build();
    MailServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    MailServer start(UnaryOperator<SubmissionProtocol.Builder> options, UnaryOperator<MailServer.Builder> serverOptions) throws IOException {
        DefaultAuthService auth = DefaultAuthService.builder()
                .authenticator(UserRegistry.forTests().addUser("alice@example.com", "secret")).failedLoginDelay(Duration.ZERO).build();
        SubmissionProtocol smtp = options.apply(SubmissionProtocol.builder(auth,
                LocalDelivery.builder(TrackedStore.of(store)).localDomains("example.com").build()).hostname("mx.test")).build();
        server = serverOptions.apply(MailServer.builder().plain("submission",
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), smtp)).build().start();
        return server;
    }

    final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client() throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), server.port("submission"));
            socket.setSoTimeout(30_000); // bounded: a hang fails the test
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
        }

        String line() throws IOException {
            return in.readLine();
        }

        /** Reads one complete (possibly multi-line) reply. */
        String reply() throws IOException {
            StringBuilder sb = new StringBuilder();
            String l;
            do {
                l = in.readLine();
                if (l == null) return sb.append("<EOF>").toString();
                sb.append(l).append('\n');
            } while (l.length() > 3 && l.charAt(3) == '-');
            return sb.toString();
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        Client login() throws IOException {
            assertThat(reply()).startsWith("220 ");
            send("EHLO c\r\n");
            assertThat(reply()).contains("250 HELP");
            send("AUTH PLAIN " + Base64.getEncoder().encodeToString("\0alice@example.com\0secret".getBytes(StandardCharsets.UTF_8)) + "\r\n");
            assertThat(reply()).startsWith("235 ");
            return this;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    int inboxCount(String user) {
        try (UserMailboxes u = store.open(user)) {
            return u.open(MailboxPath.INBOX).metaAfter(0).size();
        }
    }

    @Test
    void pipelined_transaction_in_one_write_rfc2920() throws Exception {
        start(b -> b, b -> b);
        try (Client c = new Client().login()) {
            c.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nRCPT TO:<nobody@example.com>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("550 5.1.1");
            assertThat(c.reply()).startsWith("354 ");
            c.send("Subject: p\r\n\r\nbody\r\n.\r\nQUIT\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0");
            assertThat(c.reply()).startsWith("221 2.0.0");
            assertThat(c.line()).isNull();
        }
        assertThat(inboxCount("bob@example.com")).isEqualTo(1);
    }

    @Test
    void smuggled_message_over_tcp_is_one_rejected_message() throws Exception {
        start(b -> b, b -> b);
        try (Client c = new Client().login()) {
            c.send("MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
            c.reply();
            c.reply();
            assertThat(c.reply()).startsWith("354 ");
            c.send("Subject: a\r\n\r\nfirst\n.\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                    + "Subject: smuggled\r\n\r\nsecond\r\n.\r\nNOOP\r\n");
            assertThat(c.reply()).startsWith("550 5.6.0 ");
            assertThat(c.reply()).startsWith("250 2.0.0 OK");
        }
        assertThat(inboxCount("bob@example.com")).isZero();
    }

    @Test
    void idle_client_gets_421_4_4_2_at_command_timeout() throws Exception {
        start(b -> b.commandTimeout(Duration.ofMillis(300)), b -> b);
        try (Client c = new Client()) {
            assertThat(c.reply()).startsWith("220 ");
            assertThat(c.reply()).isEqualTo("421 4.4.2 mx.test Timeout, closing connection\n");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void connection_over_the_limit_gets_busy_reply_421_4_7_0() throws Exception {
        start(b -> b, b -> b.maxConnections(1));
        try (Client first = new Client(); Client second = new Client()) {
            assertThat(first.reply()).startsWith("220 ");
            assertThat(second.reply()).startsWith("421 4.7.0 mx.test Too many connections");
        }
    }

    @Test
    void shutdown_says_421_4_3_2() throws Exception {
        start(b -> b, b -> b);
        try (Client c = new Client().login()) {
            server.shutdown(Duration.ofSeconds(5));
            assertThat(c.reply()).startsWith("421 4.3.2 ");
        }
    }

    @Test
    void overlong_command_line_is_500_5_5_2_and_session_continues() throws Exception {
        start(b -> b.maxLineLength(1024), b -> b);
        try (Client c = new Client()) {
            c.reply();
            c.send("NOOP " + "x".repeat(100_000) + "\r\nNOOP\r\n");
            assertThat(c.reply()).startsWith("500 5.5.2 Line too long");
            assertThat(c.reply()).startsWith("250 2.0.0");
        }
    }
}
