package dev.letterbox.examples.server;

import dev.letterbox.smtp.delivery.SmarthostRelay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code --relay*} options turned into a {@link SmarthostRelay}. The password is only ever read
 * from a file, so it never shows in {@code ps} output or shell history.
 */
final class RelayConfig {
    private RelayConfig() {
    }

    /**
     * @param hostPort     {@code HOST:PORT}, {@code [IPv6]:PORT}
     * @param tls          {@code starttls}, {@code implicit} or {@code none}
     * @param user         {@code --relay-user}
     * @param passwordFile {@code --relay-password-file}: the first line is the password
     * @param trust        {@code --relay-trust}: PEM certificates to trust instead of the JVM's trust store
     * @param heloName     the name sent in EHLO
     * @throws IllegalArgumentException on a usage error (message for the user)
     */
    static SmarthostRelay relay(String hostPort, String tls, Optional<String> user, Optional<Path> passwordFile,
                                Optional<Path> trust, String heloName) throws IOException, GeneralSecurityException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("--relay takes HOST:PORT, not " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        if (host.isEmpty() || host.contains("[") || host.contains("]") || host.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("--relay takes HOST:PORT, not " + hostPort);
        }
        int port = LetterboxServer.port("relay", hostPort.substring(colon + 1));
        if (port <= 0) throw new IllegalArgumentException("--relay needs a port from 1 to 65535, not " + hostPort);
        SmarthostRelay.Builder b = SmarthostRelay.builder(host, port).security(security(tls)).heloName(heloName);
        if (user.isPresent() != passwordFile.isPresent()) {
            throw new IllegalArgumentException("--relay-user and --relay-password-file go together");
        }
        if (user.isPresent()) b.credentials(user.get(), password(passwordFile.get()));
        if (trust.isPresent()) b.sslSocketFactory(trusting(trust.get()).getSocketFactory());
        return b.build();
    }

    static SmarthostRelay.Security security(String tls) {
        return switch (tls.toLowerCase(Locale.ROOT)) {
            case "starttls" -> SmarthostRelay.Security.STARTTLS;
            case "implicit" -> SmarthostRelay.Security.IMPLICIT_TLS;
            case "none" -> SmarthostRelay.Security.NONE;
            default -> throw new IllegalArgumentException("--relay-tls takes starttls, implicit or none, not " + tls);
        };
    }

    /** The first line of the file, without its line ending. */
    static String password(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') end++;
        String password = text.substring(0, end);
        if (password.isEmpty()) throw new IllegalArgumentException("--relay-password-file " + file + " is empty");
        return password;
    }

    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) throw new IllegalArgumentException("--relay-trust " + pem + " holds no certificate");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) ks.setCertificateEntry("relay-" + i++, c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
