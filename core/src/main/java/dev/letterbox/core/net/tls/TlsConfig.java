package dev.letterbox.core.net.tls;

import dev.letterbox.core.net.TlsInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * The server's TLS material and policy, immutable. Built from a PEM certificate chain and private key
 * (RSA or EC), from a {@link KeyStore}, or from a ready {@link SSLContext}. Only TLS 1.2 and TLS 1.3
 * are ever enabled: older protocols are disabled explicitly on every socket, whatever the JVM's
 * security properties say.
 */
public final class TlsConfig {
    /** The protocols Letterbox allows, newest first. */
    public static final List<String> ALLOWED_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final List<String> protocols;

    private TlsConfig(SSLContext context, List<String> protocols) {
        this.context = context;
        this.protocols = protocols;
    }

    /**
     * From PEM files: a certificate chain (leaf first) and its private key in PKCS#8
     * ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) form, unencrypted.
     *
     * @throws GeneralSecurityException if the files are not what they should be, or the key does not
     *                                  belong to the certificate; the message says which
     */
    public static TlsConfig fromPem(Path certificateChain, Path privateKey) throws IOException, GeneralSecurityException {
        String chain = Files.readString(certificateChain, StandardCharsets.US_ASCII);
        String key = Files.readString(privateKey, StandardCharsets.US_ASCII);
        try {
            return fromPem(chain, key);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(certificateChain + " / " + privateKey + ": " + e.getMessage(), e);
        }
    }

    /** From PEM text; see {@link #fromPem(Path, Path)}. */
    public static TlsConfig fromPem(String certificateChainPem, String privateKeyPem) throws GeneralSecurityException {
        List<X509Certificate> chain = Pem.certificates(certificateChainPem);
        PrivateKey key = Pem.privateKey(privateKeyPem, chain.get(0).getPublicKey().getAlgorithm());
        Pem.checkKeyMatches(key, chain.get(0));
        return fromKey(key, chain);
    }

    /**
     * From a private key and its certificate chain (leaf first), without a key store.
     *
     * @throws GeneralSecurityException if no TLS context can be made
     */
    public static TlsConfig fromKey(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(chain, "chain");
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {
                new dev.letterbox.core.net.tls.internal.FixedKeyManager(key, List.copyOf(chain))}, null, new SecureRandom());
        return fromSslContext(ctx);
    }

    /** From a key store holding the server's private key entry (the first key entry is used by the key manager). */
    public static TlsConfig fromKeyStore(KeyStore keyStore, char[] keyPassword) throws GeneralSecurityException {
        Objects.requireNonNull(keyStore, "keyStore");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, keyPassword);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        return fromSslContext(ctx);
    }

    /** From a ready context (its key managers choose the certificate). */
    public static TlsConfig fromSslContext(SSLContext context) {
        Objects.requireNonNull(context, "context");
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
        List<String> enabled = new ArrayList<>();
        for (String p : ALLOWED_PROTOCOLS) {
            if (supported.contains(p)) enabled.add(p);
        }
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("the SSLContext supports neither TLSv1.3 nor TLSv1.2");
        }
        return new TlsConfig(context, List.copyOf(enabled));
    }

    /**
     * The same material with fewer protocols, e.g. {@code withProtocols("TLSv1.3")}.
     *
     * @throws IllegalArgumentException for anything older than TLS 1.2 or unsupported by the context
     */
    public TlsConfig withProtocols(String... protocols) {
        List<String> list = List.copyOf(Arrays.asList(protocols));
        if (list.isEmpty()) throw new IllegalArgumentException("no protocols");
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
        for (String p : list) {
            if (!ALLOWED_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException(p + " is not allowed; only " + ALLOWED_PROTOCOLS);
            }
            if (!supported.contains(p)) throw new IllegalArgumentException(p + " is not supported by the SSLContext");
        }
        return new TlsConfig(context, list);
    }

    public SSLContext sslContext() {
        return context;
    }

    /** The protocols enabled on every server socket. */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * Layers a server-mode TLS socket over a connected plain socket. {@code consumed} are bytes already
     * read from {@code plain} (after a STARTTLS command): they are fed to the handshake as the first TLS
     * input, never interpreted otherwise. Closing the returned socket closes {@code plain}. The handshake
     * has not started yet.
     */
    public SSLSocket serverSocket(Socket plain, byte[] consumed) throws IOException {
        SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, new ByteArrayInputStream(consumed), true);
        ssl.setUseClientMode(false);
        ssl.setEnabledProtocols(protocols.toArray(new String[0]));
        return ssl;
    }

    /** The negotiated parameters of an established session. */
    public static TlsInfo info(SSLSession session) {
        return new TlsInfo(session.getProtocol(), session.getCipherSuite());
    }

    @Override
    public String toString() {
        return "TlsConfig" + protocols;
    }
}
