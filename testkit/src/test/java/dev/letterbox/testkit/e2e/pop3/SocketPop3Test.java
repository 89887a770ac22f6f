package dev.letterbox.testkit.e2e.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw-socket checks of what clients rarely exercise: pipelining and the maildrop lock over TCP. */
class SocketPop3Test {
    private Pop3Server server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(int port) throws Exception {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("+OK");
        }

        void send(String s) throws Exception {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String line() throws Exception {
            return in.readLine();
        }

        List<String> multiLine() throws Exception {
            List<String> lines = new ArrayList<>();
            for (String l = line(); !l.equals("."); l = line()) lines.add(l);
            return lines;
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    @Test
    void pipelined_commands_in_one_segment_are_all_answered_in_order_rfc2449_s6_6() throws Exception {
        server = new Pop3Server();
        server.deliver("alice", "Subject: a\r\n\r\n.x\r\n");
        server.deliver("alice", "Subject: b\r\n\r\ny\r\n");
        try (Client c = new Client(server.port())) {
            c.send("USER alice\r\nPASS secret\r\nSTAT\r\nRETR 1\r\nUIDL\r\nDELE 2\r\nQUIT\r\n");
            assertThat(c.line()).startsWith("+OK");
            assertThat(c.line()).startsWith("+OK Logged in");
            assertThat(c.line()).startsWith("+OK 2 ");
            assertThat(c.line()).startsWith("+OK ");
            assertThat(c.multiLine()).containsExactly("Subject: a", "", "..x");
            assertThat(c.line()).startsWith("+OK");
            assertThat(c.multiLine()).hasSize(2);
            assertThat(c.line()).isEqualTo("+OK Message 2 deleted");
            assertThat(c.line()).startsWith("+OK Bye");
            assertThat(c.line()).isNull();
        }
        assertThat(server.inboxCount("alice")).isEqualTo(1);
    }

    @Test
    void second_session_gets_in_use_until_the_first_quits() throws Exception {
        server = new Pop3Server();
        try (Client first = new Client(server.port()); Client second = new Client(server.port())) {
            first.send("USER alice\r\nPASS secret\r\n");
            first.line();
            assertThat(first.line()).startsWith("+OK Logged in");
            second.send("USER alice\r\nPASS secret\r\n");
            second.line();
            assertThat(second.line()).startsWith("-ERR [IN-USE]");
            first.socket.close(); // dropped connection releases the lock
            // the server notices the close asynchronously: retry until it has, bounded
            long deadline = System.nanoTime() + 10_000_000_000L;
            String reply;
            do {
                second.send("USER alice\r\nPASS secret\r\n");
                second.line();
                reply = second.line();
            } while (reply.startsWith("-ERR [IN-USE]") && System.nanoTime() < deadline);
            assertThat(reply).startsWith("+OK Logged in");
        }
    }
}
