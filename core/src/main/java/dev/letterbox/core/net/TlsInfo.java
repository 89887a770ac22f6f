package dev.letterbox.core.net;

/**
 * The negotiated TLS parameters of a connection.
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_128_GCM_SHA256}
 */
public record TlsInfo(String protocol, String cipherSuite) {
}
