package dev.letterbox.testkit.internal;

import dev.letterbox.testkit.tls.SelfSignedCertificate;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server {@link SSLContext} straight from a certificate and its key, without a key store: building a
 * PKCS#12 store encrypts the key, which costs more than everything else a test server does at startup.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** The default certificate, made once per JVM on first use (immutable, safe to share). */
    public static SelfSignedCertificate sharedCertificate() {
        return Shared.CERTIFICATE;
    }

    private static final class Shared {
        static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate();
    }

    public static SSLContext context(SelfSignedCertificate certificate) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {new FixedKeyManager(certificate.privateKey(), certificate.certificate())}, null, null);
            return ctx;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One key, one certificate, one alias. */
    private static final class FixedKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.chain = new X509Certificate[] {certificate};
        }

        private boolean fits(String keyType) {
            String alg = key.getAlgorithm();
            return keyType.equals(alg) || (alg.equals("RSA") && keyType.equals("RSASSA-PSS"))
                    || (alg.equals("EC") && keyType.startsWith("EC"));
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return fits(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return fits(keyType) ? ALIAS : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return fits(keyType) ? ALIAS : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
