package dev.letterbox.testkit.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.core.net.tls.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.eclipse.angus.mail.util.SocketFetcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SelfSignedCertificateTest {
    private static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

    @Test
    void names_localhost_and_both_loopback_addresses() throws Exception {
        List<String> sans = CERT.certificate().getSubjectAlternativeNames().stream()
                .map(l -> l.get(0) + "=" + l.get(1)).toList();
        assertThat(sans).containsExactlyInAnyOrder("2=localhost", "7=127.0.0.1", "7=0:0:0:0:0:0:0:1");
        CERT.certificate().checkValidity();
        CERT.certificate().verify(CERT.certificate().getPublicKey());
    }

    @Test
    void fingerprint_is_the_sha256_of_the_der_certificate() throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(CERT.certificate().getEncoded());
        assertThat(CERT.sha256Fingerprint()).isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(d))
                .hasSize(32 * 3 - 1);
    }

    @Test
    void each_generation_is_fresh() {
        assertThat(SelfSignedCertificate.generate().sha256Fingerprint()).isNotEqualTo(CERT.sha256Fingerprint());
    }

    @Test
    void pem_files_load_into_core_tls_config(@TempDir Path dir) throws Exception {
        for (SelfSignedCertificate c : List.of(CERT, SelfSignedCertificate.builder().rsa().build())) {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            c.writePem(cert, key);
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            TlsConfig config = TlsConfig.fromPem(cert, key);
            assertThat(angusHandshake(config, c, "localhost")).isEqualTo("TLSv1.3");
        }
    }

    /** Angus Mail checks the server's identity by default; the certificate must pass for every loopback name. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void angus_mail_default_server_identity_check_passes(String host) throws Exception {
        assertThat(angusHandshake(CERT.tlsConfig(), CERT, host)).isEqualTo("TLSv1.3");
    }

    @Test
    void angus_mail_refuses_a_certificate_for_another_name() {
        SelfSignedCertificate other = SelfSignedCertificate.builder().names("mail.example.invalid").build();
        assertThatThrownBy(() -> angusHandshake(other.tlsConfig(), other, "127.0.0.1")).isInstanceOf(IOException.class);
    }

    @Test
    void key_store_and_trust_store_hold_the_certificate() throws Exception {
        assertThat(CERT.keyStore("pw".toCharArray()).getCertificate("server")).isEqualTo(CERT.certificate());
        assertThat(CERT.trustStore().getCertificate("letterbox-test")).isEqualTo(CERT.certificate());
        assertThat(CERT.trustManager().getAcceptedIssuers()).containsExactly(CERT.certificate());
    }

    /** Serves one TLS handshake with {@code server}; connects like Angus Mail's IMAP provider with SSL on. */
    private static String angusHandshake(TlsConfig server, SelfSignedCertificate trusted, String host) throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept(); SSLSocket ssl = server.serverSocket(s, new byte[0])) {
                    ssl.setSoTimeout(10_000);
                    ssl.startHandshake();
                    return ssl.getSession().getProtocol();
                } catch (IOException e) {
                    return "failed: " + e;
                }
            });
            Properties props = new Properties();
            props.put("mail.imap.ssl.enable", "true");
            props.put("mail.imap.ssl.socketFactory", trusted.clientSocketFactory());
            props.put("mail.imap.connectiontimeout", "10000");
            props.put("mail.imap.timeout", "3000");
            try (Socket s = SocketFetcher.getSocket(host, listener.getLocalPort(), props, "mail.imap", true)) {
                assertThat(s).isInstanceOf(SSLSocket.class);
            }
            return serverSide.get(10, TimeUnit.SECONDS);
        }
    }
}
