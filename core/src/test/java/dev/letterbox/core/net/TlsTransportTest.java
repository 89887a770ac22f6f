package dev.letterbox.core.net;

import static dev.letterbox.core.net.ServerFixture.ephemeral;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.net.ConnectionListener.CloseReason;
import dev.letterbox.core.net.tls.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TlsTransportTest {
    private static TlsConfig tls;
    private static SSLContext client;
    private final LineProtocol protocol = new LineProtocol();
    private final RecordingListener rec = new RecordingListener();
    private MailServer server;

    @BeforeAll
    static void material() throws Exception {
        tls = TlsFixtures.server("rsa");
        client = TlsFixtures.clientTrusting("rsa-cert.pem");
    }

    @AfterEach
    void tearDown() {
        if (server != null) server.shutdown(Duration.ZERO);
    }

    private void start(ThreadMode mode) throws Exception {
        start(MailServer.builder().threads(mode));
    }

    private void start(MailServer.Builder b) throws Exception {
        server = b.tls(tls).listener(rec).handshakeTimeout(Duration.ofSeconds(5))
                .plain("line", ephemeral(), protocol)
                .implicitTls("lines", ephemeral(), protocol)
                .start();
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void starttls_upgrades_the_connection_and_commands_continue_encrypted(ThreadMode mode) throws Exception {
        start(mode);
        try (Socket raw = new Socket(server.address("line").getAddress(), server.port("line"))) {
            Client plain = Client.over(raw);
            assertThat(plain.line()).isEqualTo("OK hello");
            assertThat(plain.send("TLS\r\n").line()).isEqualTo("PLAIN");
            assertThat(plain.send("STARTTLS\r\n").line()).isEqualTo("OK begin TLS");
            SSLSocket ssl = TlsFixtures.handshake(client, raw);
            Client enc = Client.over(ssl);
            assertThat(enc.send("TLS\r\n").line()).isEqualTo("TLS TLSv1.3");
            assertThat(enc.send("STARTTLS\r\n").line()).as("only once").isEqualTo("ERR no TLS");
            assertThat(enc.send("ECHO secret\r\n").line()).isEqualTo("ECHO secret");
            assertThat(enc.send("QUIT\r\n").line()).isEqualTo("BYE");
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.SESSION_CLOSED);
        assertThat(rec.events).contains("tls TLSv1.3");
    }

    /**
     * CVE-2011-0411 class: a command pipelined after STARTTLS in the same packet is plaintext injected
     * before the handshake. It must become TLS input (here: garbage that fails the handshake), never a
     * command executed and answered as if it came over TLS.
     */
    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void command_pipelined_after_starttls_is_never_executed_cve_2011_0411(ThreadMode mode) throws Exception {
        start(mode);
        try (Client c = Client.connect(server.port("line"))) {
            assertThat(c.line()).isEqualTo("OK hello");
            c.send("STARTTLS\r\nECHO injected\r\nQUIT\r\n");
            assertThat(c.line()).isEqualTo("OK begin TLS");
            String rest = c.rest();
            assertThat(rest).doesNotContain("injected").doesNotContain("BYE");
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.TLS_HANDSHAKE_FAILED);
        assertThat(protocol.executed).containsExactly("STARTTLS");
        assertThat(protocol.closed).hasValue(1);
    }

    /** The buffered bytes after STARTTLS really are fed to the handshake: a ClientHello sent in the same packet works. */
    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void client_hello_in_the_same_packet_as_starttls_is_the_handshake_input(ThreadMode mode) throws Exception {
        start(mode);
        try (Socket raw = new Socket(server.address("line").getAddress(), server.port("line"))) {
            raw.setSoTimeout(10_000);
            InputStream in = raw.getInputStream();
            assertThat(readLine(in)).isEqualTo("OK hello");
            TlsFixtures.EngineClient engine = new TlsFixtures.EngineClient(client, raw);
            byte[] hello = engine.clientHello();
            ByteArrayOutputStream packet = new ByteArrayOutputStream();
            packet.writeBytes("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            packet.writeBytes(hello);
            raw.getOutputStream().write(packet.toByteArray());
            assertThat(readLine(in)).isEqualTo("OK begin TLS");
            engine.finishHandshake();
            engine.send("TLS\r\n");
            assertThat(engine.line()).isEqualTo("TLS TLSv1.3");
        }
        assertThat(protocol.executed).containsExactly("STARTTLS", "TLS");
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void implicit_tls_handshakes_before_the_greeting(ThreadMode mode) throws Exception {
        start(mode);
        try (Socket raw = new Socket(server.address("lines").getAddress(), server.port("lines"))) {
            Client c = Client.over(TlsFixtures.handshake(client, raw));
            assertThat(c.line()).isEqualTo("OK hello");
            assertThat(c.send("TLS\r\n").line()).isEqualTo("TLS TLSv1.3");
            assertThat(c.send("STARTTLS\r\n").line()).isEqualTo("ERR no TLS");
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.CLIENT_CLOSED);
        assertThat(rec.events).containsSubsequence("connected lines", "tls TLSv1.3", "command TLS");
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void tls12_clients_are_served(ThreadMode mode) throws Exception {
        start(mode);
        try (Socket raw = new Socket(server.address("lines").getAddress(), server.port("lines"))) {
            Client c = Client.over(TlsFixtures.handshake(client, raw, "TLSv1.2"));
            assertThat(c.line()).isEqualTo("OK hello");
            assertThat(c.send("TLS\r\n").line()).isEqualTo("TLS TLSv1.2");
        }
    }

    /** A TLS 1.1 ClientHello gets a fatal protocol_version alert (RFC 5246 §7.2.2, description 70), no session. */
    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void tls11_is_refused_with_a_protocol_version_alert(ThreadMode mode) throws Exception {
        start(mode);
        try (Socket raw = new Socket(server.address("lines").getAddress(), server.port("lines"))) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write(tls11ClientHello());
            byte[] reply = raw.getInputStream().readAllBytes();
            assertThat(reply.length).isGreaterThanOrEqualTo(7);
            assertThat(reply[0]).as("record type alert").isEqualTo((byte) 0x15);
            assertThat(reply[5]).as("fatal").isEqualTo((byte) 2);
            assertThat(reply[6]).as("protocol_version").isEqualTo((byte) 70);
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.TLS_HANDSHAKE_FAILED);
        assertThat(protocol.sessions).hasValue(0);
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void plaintext_on_the_implicit_tls_port_closes_quietly_and_is_reported(ThreadMode mode) throws Exception {
        start(mode);
        try (Client c = Client.connect(server.port("lines"))) {
            c.send("ECHO hello\r\n");
            assertThat(c.rest()).doesNotContain("hello");
        }
        assertThat(rec.nextClose()).isEqualTo(CloseReason.TLS_HANDSHAKE_FAILED);
        assertThat(protocol.sessions).hasValue(0);
        assertThat(protocol.executed).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void busy_reply_on_an_implicit_tls_endpoint_is_sent_over_tls(ThreadMode mode) throws Exception {
        start(MailServer.builder().threads(mode).maxConnections(1));
        try (Socket a = new Socket(server.address("lines").getAddress(), server.port("lines"));
             Socket b = new Socket(server.address("lines").getAddress(), server.port("lines"))) {
            Client first = Client.over(TlsFixtures.handshake(client, a));
            assertThat(first.line()).isEqualTo("OK hello");
            Client second = Client.over(TlsFixtures.handshake(client, b));
            assertThat(second.line()).isEqualTo("BUSY try later");
        }
        assertThat(protocol.sessions).hasValue(1);
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new AssertionError("EOF after " + b);
            b.append((char) c);
        }
        return b.toString().strip();
    }

    /** A minimal TLS 1.1 ClientHello (RFC 4346 §7.4.1.2) without extensions. */
    private static byte[] tls11ClientHello() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(2); // client_version TLS 1.1
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // session_id
        body.writeBytes(new byte[] {0, 4, (byte) 0xc0, 0x13, 0x00, 0x2f}); // ECDHE_RSA/RSA_WITH_AES_128_CBC_SHA
        body.writeBytes(new byte[] {1, 0}); // compression: null
        byte[] b = body.toByteArray();
        ByteArrayOutputStream hs = new ByteArrayOutputStream();
        hs.write(1); // client_hello
        hs.writeBytes(new byte[] {0, (byte) (b.length >> 8), (byte) b.length});
        hs.writeBytes(b);
        byte[] h = hs.toByteArray();
        ByteArrayOutputStream rec = new ByteArrayOutputStream();
        rec.writeBytes(new byte[] {0x16, 3, 2, (byte) (h.length >> 8), (byte) h.length});
        rec.writeBytes(h);
        return rec.toByteArray();
    }
}
