package dev.letterbox.testkit.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A raw line client with bounded reads (SO_TIMEOUT), for byte-exact fault tests. */
final class LineClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LineClient(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(timeoutMillis);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    static LineClient tls(String host, int port, SSLContext ctx, int timeoutMillis) throws IOException {
        LineClient c = new LineClient(host, port, timeoutMillis);
        c.upgrade(ctx, host);
        return c;
    }

    void upgrade(SSLContext ctx, String host) throws IOException {
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
        ssl.setUseClientMode(true);
        ssl.startHandshake();
        socket = ssl;
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendRaw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line without CRLF, or null at end of stream. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            if (c == '\n') break;
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads lines until one starts with {@code prefix}; returns it. Fails at end of stream. */
    String until(String prefix) throws IOException {
        while (true) {
            String l = line();
            if (l == null) throw new IOException("end of stream before a line starting with " + prefix);
            if (l.startsWith(prefix)) return l;
        }
    }

    /** Everything until the server closes (bounded by the read timeout). */
    byte[] rest() throws IOException {
        return in.readAllBytes();
    }

    int read() throws IOException {
        return in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
