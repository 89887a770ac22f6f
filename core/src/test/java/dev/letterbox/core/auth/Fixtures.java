package dev.letterbox.core.auth;

import dev.letterbox.core.auth.sasl.SaslStep;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared test contexts and helpers. */
public final class Fixtures {
    private Fixtures() {
    }

    public static InetAddress ip(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A non-loopback client (TEST-NET-1, RFC 5737) without TLS. */
    public static AuthContext remote(String protocol) {
        return new AuthContext(protocol, new InetSocketAddress(ip(192, 0, 2, 10), 40000), false, "t1");
    }

    public static AuthContext remote(String protocol, InetAddress address, boolean tls) {
        return new AuthContext(protocol, new InetSocketAddress(address, 40000), tls, "t1");
    }

    public static AuthContext tls(String protocol) {
        return new AuthContext(protocol, new InetSocketAddress(ip(192, 0, 2, 10), 40000), true, "t1");
    }

    public static AuthContext loopback(String protocol) {
        return new AuthContext(protocol, new InetSocketAddress(ip(127, 0, 0, 1), 40000), false, "t1");
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Challenge.class);
        return new String(((SaslStep.Challenge) step).data(), StandardCharsets.UTF_8);
    }

    public static SaslStep.Success success(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Success.class);
        return (SaslStep.Success) step;
    }

    public static SaslStep.FailureKind failureKind(SaslStep step) {
        assertThat(step).isInstanceOf(SaslStep.Failure.class);
        return ((SaslStep.Failure) step).kind();
    }
}
