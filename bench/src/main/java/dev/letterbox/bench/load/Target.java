package dev.letterbox.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A loopback server endpoint. The harness refuses every non-loopback target: it is a load tool and
 * must never be pointed at somebody else's machine.
 */
public record Target(InetAddress address, int port) {

    public static Target loopback(String host, int port) {
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        if (!a.isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing non-loopback target " + host + " (" + a.getHostAddress() + ")");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
        return new Target(a, port);
    }

    /** Connects with TCP_NODELAY, optionally from a given loopback source address. */
    public Socket connect(InetAddress source, int timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            if (source != null) {
                s.bind(new InetSocketAddress(source, 0));
            }
            s.connect(new InetSocketAddress(address, port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public Socket connect(int timeoutMs) throws IOException {
        return connect(null, timeoutMs);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + ":" + port;
    }

    /** Source address 127.0.0.(1 + i mod 250), to spread many client connections. */
    public static InetAddress spreadSource(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + Math.floorMod(i, 250))});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client-side TLS upgrade that trusts any certificate (benchmark only, loopback only). */
    public static SSLSocket startTls(Socket plain, String host) throws IOException {
        SSLSocket ssl = (SSLSocket) TrustAll.CONTEXT.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        return ssl;
    }

    private static final class TrustAll {
        static final SSLContext CONTEXT = create();

        private static SSLContext create() {
            try {
                SSLContext c = SSLContext.getInstance("TLS");
                c.init(null, new TrustManager[] {new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }}, new SecureRandom());
                return c;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
