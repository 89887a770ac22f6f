package dev.letterbox.core.net;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A test client over a socket; every read is bounded by a 10 s timeout. */
final class Client implements Closeable {
    final Socket socket;
    private InputStream in;
    private OutputStream out;

    private Client(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static Client connect(int port) throws IOException {
        return new Client(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Connects from a chosen loopback source address, e.g. 127.0.0.2. */
    static Client connectFrom(String source, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(source, 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        return new Client(s);
    }

    static Client over(Socket socket) throws IOException {
        return new Client(socket);
    }

    Client send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** The next line without CRLF; fails on EOF. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) throw new IOException("EOF after '" + b.toString(StandardCharsets.ISO_8859_1) + "'");
            if (c == '\n') break;
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /** Reads everything up to the end of the stream (the server closed); fails if it stays open 10 s. */
    String rest() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) b.write(buf, 0, n);
        } catch (SocketException e) {
            // reset counts as closed
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
