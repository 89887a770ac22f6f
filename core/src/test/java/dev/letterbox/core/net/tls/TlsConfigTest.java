package dev.letterbox.core.net.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsConfigTest {
    static Path resource(String name) {
        try {
            return Path.of(TlsConfigTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({"rsa-cert.pem, rsa-key.pem", "ec-cert.pem, ec-key.pem", "rsa-cert.pem, rsa-key-pkcs1.pem"})
    void pem_certificate_and_key_serve_a_verified_handshake(String cert, String key) throws Exception {
        TlsConfig config = TlsConfig.fromPem(resource(cert), resource(key));
        assertThat(config.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(handshake(config, trustedCert(cert))).isEqualTo("TLSv1.3");
    }

    @Test
    void key_store_serves_a_verified_handshake() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(resource("server.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        TlsConfig config = TlsConfig.fromKeyStore(ks, "changeit".toCharArray());
        X509Certificate cert = (X509Certificate) ks.getCertificate("server");
        assertThat(handshake(config, cert)).isEqualTo("TLSv1.3");
    }

    @Test
    void ssl_context_is_used_as_given_but_only_tls12_and_tls13_are_enabled() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(resource("server.p12"))) {
            ks.load(in, "changeit".toCharArray());
        }
        kmf.init(ks, "changeit".toCharArray());
        ctx.init(kmf.getKeyManagers(), null, null);
        assertThat(ctx.getSupportedSSLParameters().getProtocols()).contains("TLSv1.1");
        TlsConfig config = TlsConfig.fromSslContext(ctx);
        assertThat(config.sslContext()).isSameAs(ctx);
        assertThat(config.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(handshake(config, (X509Certificate) ks.getCertificate("server"))).isEqualTo("TLSv1.3");
        assertThat(config.withProtocols("TLSv1.3").protocols()).containsExactly("TLSv1.3");
        assertThatThrownBy(() -> config.withProtocols("TLSv1.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLSv1.1 is not allowed");
        assertThatThrownBy(() -> config.withProtocols("TLSv1.3", "TLSv1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_key_that_does_not_belong_to_the_certificate_is_refused_with_a_clear_message() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String otherKey = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String cert = Files.readString(resource("rsa-cert.pem"));
        assertThatThrownBy(() -> TlsConfig.fromPem(cert, otherKey)).isInstanceOf(InvalidKeyException.class)
                .hasMessageContaining("does not belong to the certificate");
        String ecKey = Files.readString(resource("ec-key.pem"));
        assertThatThrownBy(() -> TlsConfig.fromPem(cert, ecKey)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void missing_or_unsupported_pem_blocks_are_named() throws Exception {
        String cert = Files.readString(resource("rsa-cert.pem"));
        assertThatThrownBy(() -> TlsConfig.fromPem("nothing here", Files.readString(resource("rsa-key.pem"))))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> TlsConfig.fromPem(cert, cert))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("BEGIN PRIVATE KEY");
        String encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n";
        assertThatThrownBy(() -> TlsConfig.fromPem(cert, encrypted))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> TlsConfig.fromPem(resource("rsa-cert.pem"), resource("rsa-cert.pem")))
                .hasMessageContaining("rsa-cert.pem");
    }

    private static X509Certificate trustedCert(String file) throws Exception {
        try (InputStream in = Files.newInputStream(resource(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Runs one handshake (server side through {@link TlsConfig#serverSocket}); returns the protocol. */
    private static String handshake(TlsConfig config, X509Certificate trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
                try (Socket s = listener.accept(); SSLSocket ssl = config.serverSocket(s, new byte[0])) {
                    ssl.setSoTimeout(10_000);
                    if (ssl.getUseClientMode() || !java.util.Set.of("TLSv1.3", "TLSv1.2")
                            .containsAll(java.util.List.of(ssl.getEnabledProtocols()))) {
                        throw new IllegalStateException("server socket misconfigured");
                    }
                    ssl.startHandshake();
                    ssl.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                    ssl.getOutputStream().flush();
                    return ssl.getSession().getProtocol();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    listener.getLocalPort())) {
                SSLParameters p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                c.setSSLParameters(p);
                c.setSoTimeout(10_000);
                c.startHandshake();
                assertThat(c.getInputStream().read()).isEqualTo('o');
            }
            return serverSide.get(10, TimeUnit.SECONDS);
        }
    }
}
