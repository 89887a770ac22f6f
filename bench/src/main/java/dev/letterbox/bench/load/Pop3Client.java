package dev.letterbox.bench.load;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Minimal raw-socket POP3 client (RFC 1939) for benchmarking. */
public final class Pop3Client implements Closeable {
    private final Socket socket;
    private final WireIn in;
    private final OutputStream out;

    public Pop3Client(Target target, int timeoutMs) throws IOException {
        this(target, null, timeoutMs);
    }

    public Pop3Client(Target target, java.net.InetAddress source, int timeoutMs) throws IOException {
        this.socket = target.connect(source, timeoutMs);
        this.in = new WireIn(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        String greeting = in.readLine();
        if (!greeting.startsWith("+OK")) {
            socket.close();
            throw new IOException("unexpected greeting: " + greeting);
        }
    }

    public long bytesRead() {
        return in.bytesRead();
    }

    /** Single-line command; throws on -ERR. */
    public String command(String line) throws IOException {
        send(line);
        String reply = in.readLine();
        if (!reply.startsWith("+OK")) {
            throw new IOException(line.split(" ")[0] + " failed: " + reply);
        }
        return reply;
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void login(String user, String password) throws IOException {
        command("USER " + user);
        command("PASS " + password);
    }

    /** Multi-line command whose lines are returned (UIDL, LIST). */
    public List<String> multiLine(String line) throws IOException {
        command(line);
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = in.readLine();
            if (l.equals(".")) {
                return lines;
            }
            lines.add(l.startsWith("..") ? l.substring(1) : l);
        }
    }

    /** RETR n; returns the payload byte count. */
    public long retr(int n) throws IOException {
        command("RETR " + n);
        return in.skipDotTerminated();
    }

    public void quit() {
        try {
            command("QUIT");
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
