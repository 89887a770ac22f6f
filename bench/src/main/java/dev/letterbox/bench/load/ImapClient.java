package dev.letterbox.bench.load;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Minimal raw-socket IMAP4rev1 client for benchmarking. Responses are read byte-exactly: a line
 * ending in a literal marker {@code {n}} is followed by exactly n bytes, then the rest of the line.
 */
public final class ImapClient implements Closeable {
    private final Socket socket;
    private final WireIn in;
    private final ImapReader reader;
    private final OutputStream out;
    private final String greeting;
    private int tagCounter;
    private String capabilities = "";
    private long lastSendNanos;

    public ImapClient(Target target, InetAddress source, int timeoutMs) throws IOException {
        this(target, source, timeoutMs, 64 * 1024);
    }

    /** With small buffers for clients that hold many idle connections. */
    public ImapClient(Target target, InetAddress source, int timeoutMs, int bufferSize) throws IOException {
        this.socket = target.connect(source, timeoutMs);
        this.in = new WireIn(socket.getInputStream(), bufferSize);
        this.reader = new ImapReader(in);
        this.out = new BufferedOutputStream(socket.getOutputStream(), bufferSize);
        this.greeting = in.readLine();
        if (!greeting.startsWith("* OK") && !greeting.startsWith("* PREAUTH")) {
            socket.close();
            throw new IOException("unexpected greeting: " + greeting);
        }
    }

    /** nanoTime at which the last APPEND's message was flushed to the server. */
    public long lastSendNanos() {
        return lastSendNanos;
    }

    public String greeting() {
        return greeting;
    }

    public long bytesRead() {
        return in.bytesRead();
    }

    public void setTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    private String nextTag() {
        return "b" + (++tagCounter);
    }

    /** Sends a command and reads to its tagged completion; untagged lines kept only if {@code keep}. */
    public ImapReader.Result command(String command, boolean keep) throws IOException {
        String tag = nextTag();
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readUntilTagged(tag, keep);
    }

    public ImapReader.Result command(String command) throws IOException {
        return command(command, true);
    }

    private ImapReader.Result readUntilTagged(String tag, boolean keep) throws IOException {
        ImapReader.Result r = reader.readUntilTagged(tag, keep);
        if (reader.capabilities() != null) {
            capabilities = reader.capabilities();
        }
        return r;
    }

    String readResponseLine() throws IOException {
        return reader.readResponseLine();
    }

    static long literalLength(String line) {
        return ImapReader.literalLength(line);
    }

    public String capabilities() throws IOException {
        if (capabilities.isEmpty()) {
            command("CAPABILITY", false);
        }
        return capabilities;
    }

    public boolean hasCapability(String name) throws IOException {
        return (" " + capabilities() + " ").contains(" " + name.toUpperCase(Locale.ROOT) + " ");
    }

    public ImapReader.Result login(String user, String password) throws IOException {
        ImapReader.Result r = command("LOGIN " + quote(user) + " " + quote(password), false);
        if (r.ok()) {
            int i = r.tagged().indexOf("[CAPABILITY ");
            capabilities = i < 0 ? "" : r.tagged().substring(i + 12, r.tagged().indexOf(']', i)).toUpperCase(Locale.ROOT);
        }
        return r;
    }

    /** APPEND; uses a non-synchronizing literal when the server offers LITERAL+ (RFC 7888). */
    public ImapReader.Result append(String mailbox, byte[] message, boolean literalPlus) throws IOException {
        String tag = nextTag();
        String head = tag + " APPEND " + quote(mailbox) + " {" + message.length + (literalPlus ? "+" : "") + "}\r\n";
        out.write(head.getBytes(StandardCharsets.UTF_8));
        if (!literalPlus) {
            out.flush();
            String cont = readResponseLine();
            while (!cont.startsWith("+")) {
                if (cont.startsWith(tag + " ")) {
                    return new ImapReader.Result(cont.substring(tag.length() + 1).split(" ")[0], cont, List.of(), 0, 0);
                }
                cont = readResponseLine();
            }
        }
        out.write(message);
        out.write('\r');
        out.write('\n');
        out.flush();
        lastSendNanos = System.nanoTime();
        return readUntilTagged(tag, false);
    }

    /** Starts IDLE (RFC 2177) and returns once the server's continuation arrived. */
    public void idle() throws IOException {
        String tag = nextTag();
        out.write((tag + " IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (true) {
            String line = readResponseLine();
            if (line.startsWith("+")) {
                return;
            }
            if (line.startsWith(tag + " ")) {
                throw new IOException("IDLE refused: " + line);
            }
        }
    }

    /** Next response line while idling (blocks). */
    public String readLine() throws IOException {
        return readResponseLine();
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public void logout() {
        try {
            command("LOGOUT", false);
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
