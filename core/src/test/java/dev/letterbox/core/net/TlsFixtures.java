package dev.letterbox.core.net;

import dev.letterbox.core.net.tls.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** Test certificates (generated once with openssl/keytool, SANs localhost, 127.0.0.1, ::1) and TLS clients. */
final class TlsFixtures {
    private TlsFixtures() {
    }

    static Path resource(String name) {
        try {
            return Path.of(TlsFixtures.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code rsa} or {@code ec}. */
    static TlsConfig server(String kind) throws Exception {
        return TlsConfig.fromPem(resource(kind + "-cert.pem"), resource(kind + "-key.pem"));
    }

    /** A client context trusting exactly the certificate in {@code certFile} (PEM). */
    static SSLContext clientTrusting(String certFile) throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(resource(certFile))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        return clientTrusting(cert);
    }

    static SSLContext clientTrusting(X509Certificate cert) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Client TLS over a connected socket, checking the server's name like a mail client does. */
    static SSLSocket handshake(SSLContext client, Socket raw, String... protocols) throws IOException {
        SSLSocket ssl = (SSLSocket) client.getSocketFactory().createSocket(raw, "localhost", raw.getPort(), true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (protocols.length > 0) p.setProtocols(protocols);
        ssl.setSSLParameters(p);
        ssl.setSoTimeout(10_000);
        ssl.startHandshake();
        return ssl;
    }

    /**
     * A TLS client driven by an {@link SSLEngine} over plain socket streams, so a test controls exactly
     * which bytes go into which write (e.g. a ClientHello in the same packet as STARTTLS).
     */
    static final class EngineClient {
        private final SSLEngine engine;
        private final InputStream in;
        private final OutputStream out;
        private final ByteBuffer netIn;
        private final ByteBuffer appIn;

        EngineClient(SSLContext ctx, Socket raw) throws IOException {
            engine = ctx.createSSLEngine("localhost", raw.getPort());
            engine.setUseClientMode(true);
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
            in = raw.getInputStream();
            out = raw.getOutputStream();
            netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2).flip();
            appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
        }

        /** The first handshake flight (the ClientHello), not yet sent. */
        byte[] clientHello() throws IOException {
            engine.beginHandshake();
            return wrap(ByteBuffer.allocate(0));
        }

        /** Completes the handshake; {@code alreadyRead} are bytes read from the socket past the plaintext reply. */
        void finishHandshake() throws IOException {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> out.write(wrap(ByteBuffer.allocate(0)));
                    case NEED_UNWRAP -> unwrapOnce();
                    case NEED_TASK -> {
                        Runnable task;
                        while ((task = engine.getDelegatedTask()) != null) task.run();
                    }
                    default -> {
                        return;
                    }
                }
            }
        }

        void send(String text) throws IOException {
            out.write(wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII))));
            out.flush();
        }

        String line() throws IOException {
            while (true) {
                for (int i = 0; i < appIn.position(); i++) {
                    if (appIn.get(i) == '\n') {
                        byte[] b = new byte[i + 1];
                        appIn.flip();
                        appIn.get(b);
                        appIn.compact();
                        String s = new String(b, StandardCharsets.US_ASCII);
                        return s.substring(0, s.length() - 2);
                    }
                }
                unwrapOnce();
            }
        }

        private byte[] wrap(ByteBuffer app) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            do {
                net.clear();
                SSLEngineResult r = engine.wrap(app, net);
                if (r.getStatus() != SSLEngineResult.Status.OK) throw new IOException("wrap: " + r);
                b.write(net.array(), 0, net.position());
            } while (app.hasRemaining());
            return b.toByteArray();
        }

        private void unwrapOnce() throws IOException {
            while (true) {
                SSLEngineResult r = engine.unwrap(netIn, appIn);
                switch (r.getStatus()) {
                    case OK -> {
                        return;
                    }
                    case BUFFER_UNDERFLOW -> readMore();
                    default -> throw new IOException("unwrap: " + r);
                }
            }
        }

        private void readMore() throws IOException {
            netIn.compact();
            int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
            if (n < 0) throw new IOException("server closed during TLS");
            netIn.position(netIn.position() + n).flip();
        }
    }
}
