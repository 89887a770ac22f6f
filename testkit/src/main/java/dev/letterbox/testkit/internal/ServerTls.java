package dev.letterbox.testkit.internal;

import dev.letterbox.core.net.tls.TlsConfig;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;


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
            return TlsConfig.fromKey(certificate.privateKey(), List.of(certificate.certificate())).sslContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
