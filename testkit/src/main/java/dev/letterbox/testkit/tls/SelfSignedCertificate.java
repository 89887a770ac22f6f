package dev.letterbox.testkit.tls;

import dev.letterbox.core.net.tls.TlsConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh self-signed server certificate for tests and the standalone server, with subject alternative
 * names {@code localhost}, {@code 127.0.0.1} and {@code ::1} by default, so clients that check the
 * server's identity (Angus Mail by default, Python's {@code ssl}, curl) accept it once they trust it.
 * Provides the server side ({@link #tlsConfig()}, {@link #serverSslContext()}, {@link #keyStore}) and the
 * client trust material ({@link #trustStore()}, {@link #trustManager()}, {@link #clientSslContext()},
 * {@link #clientSocketFactory()}). Immutable.
 */
public final class SelfSignedCertificate {
    private static final char[] NO_PASSWORD = new char[0];

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private SelfSignedCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** An EC P-256 certificate for localhost, 127.0.0.1 and ::1, valid from an hour ago for a year. */
    public static SelfSignedCertificate generate() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate in PEM ({@code BEGIN CERTIFICATE}). */
    public String certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key in unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** Writes {@link #certificatePem()} and {@link #privateKeyPem()} (the key file readable by the owner only, where supported). */
    public void writePem(Path certificateFile, Path privateKeyFile) throws IOException {
        Files.writeString(certificateFile, certificatePem(), StandardCharsets.US_ASCII);
        Files.writeString(privateKeyFile, privateKeyPem(), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(privateKeyFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    /** SHA-256 of the DER certificate as upper-case hex pairs joined by colons, as {@code openssl x509 -fingerprint} prints it. */
    public String sha256Fingerprint() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's TLS configuration for {@code MailServer}. */
    public TlsConfig tlsConfig() {
        try {
            return TlsConfig.fromKey(privateKey, java.util.List.of(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 key store with the private key entry {@code server}, protected by {@code password}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore ks = emptyStore();
            ks.setKeyEntry("server", privateKey, password, new X509Certificate[] {certificate});
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public SSLContext serverSslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new javax.net.ssl.KeyManager[] {
                    new dev.letterbox.core.net.tls.internal.FixedKeyManager(privateKey, java.util.List.of(certificate))},
                    null, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding only this certificate (entry {@code letterbox-test}). */
    public KeyStore trustStore() {
        try {
            KeyStore ks = emptyStore();
            ks.setCertificateEntry("letterbox-test", certificate);
            return ks;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust manager that trusts this certificate only (and checks it like any PKIX trust manager). */
    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) return x;
            }
            throw new IllegalStateException("no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context that trusts this certificate only. */
    public SSLContext clientSslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trustManager()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For Jakarta Mail: {@code mail.imap.ssl.socketFactory} and friends. */
    public SSLSocketFactory clientSocketFactory() {
        return clientSslContext().getSocketFactory();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return ks;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Options of a generated certificate. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        private boolean rsa;
        private Duration validity = Duration.ofDays(365);

        private Builder() {
        }

        /** Replaces the subject alternative names; IP literals become IP-address names, the rest DNS names. */
        public Builder names(String... names) {
            if (names.length == 0) throw new IllegalArgumentException("at least one name");
            this.names.clear();
            this.names.addAll(List.of(names));
            return this;
        }

        /** An RSA 2048 key instead of EC P-256 (slower to generate). */
        public Builder rsa() {
            this.rsa = true;
            return this;
        }

        public Builder validity(Duration validity) {
            this.validity = validity;
            return this;
        }

        public SelfSignedCertificate build() {
            try {
                KeyPair kp = keyPair();
                Instant now = Instant.now();
                X500Name subject = new X500Name("CN=" + names.get(0) + ",O=Letterbox test");
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject,
                        new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, kp.getPublic());
                b.addExtension(Extension.subjectAlternativeName, false, sans());
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | (rsa ? KeyUsage.keyEncipherment : 0)));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                var signer = new JcaContentSignerBuilder(rsa ? "SHA256withRSA" : "SHA256withECDSA").build(kp.getPrivate());
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
                return new SelfSignedCertificate(cert, kp.getPrivate());
            } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
                throw new IllegalStateException("cannot generate a certificate", e);
            }
        }

        private KeyPair keyPair() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return g.generateKeyPair();
        }

        private GeneralNames sans() {
            List<GeneralName> list = new ArrayList<>();
            for (String n : names) {
                boolean ip = n.indexOf(':') >= 0 || n.matches("[0-9.]+");
                if (ip) {
                    try {
                        list.add(new GeneralName(GeneralName.iPAddress,
                                new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(n).getAddress())));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("not an IP address: " + n, e);
                    }
                } else {
                    list.add(new GeneralName(GeneralName.dNSName, n.toLowerCase(Locale.ROOT)));
                }
            }
            return new GeneralNames(list.toArray(new GeneralName[0]));
        }
    }
}
