package dev.letterbox.core.net.tls.internal;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager for exactly one key and chain. Building a key store only to hand it to a
 * {@code KeyManagerFactory} costs a PKCS#12 key encryption (tens to hundreds of milliseconds in a cold
 * JVM); this serves the key directly.
 */
public final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "server";

    private final PrivateKey key;
    private final X509Certificate[] chain;
    private final String algorithm;

    public FixedKeyManager(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) throw new IllegalArgumentException("empty certificate chain");
        this.key = key;
        this.chain = chain.toArray(new X509Certificate[0]);
        this.algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
    }

    /**
     * JSSE asks by key type: {@code EC}, {@code RSA}, {@code RSASSA-PSS}, and for TLS 1.2 cipher
     * suites also forms like {@code EC_EC} or {@code EC_RSA} (key algorithm, then the issuer's).
     */
    private boolean fits(String keyType) {
        if (keyType == null) return false;
        String k = keyType.toUpperCase(Locale.ROOT);
        return k.equals(algorithm) || k.startsWith(algorithm + "_");
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
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
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
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
