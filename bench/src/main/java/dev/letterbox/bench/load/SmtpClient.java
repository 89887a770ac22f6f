package dev.letterbox.bench.load;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Minimal raw-socket SMTP submission client (RFC 5321/6409, STARTTLS RFC 3207, AUTH PLAIN RFC 4954). */
public final class SmtpClient implements Closeable {
    /** A reply: code and the text of its last line; {@code text} holds all lines joined by '\n'. */
    public record Reply(int code, String text) {
    }

    private final Target target;
    private Socket socket;
    private WireIn in;
    private OutputStream out;
    private String ehlo = "";

    public SmtpClient(Target target, int timeoutMs) throws IOException {
        this(target, null, timeoutMs);
    }

    public SmtpClient(Target target, java.net.InetAddress source, int timeoutMs) throws IOException {
        this.target = target;
        this.socket = target.connect(source, timeoutMs);
        streams();
        expect(readReply(), 220, "greeting");
    }

    private void streams() throws IOException {
        in = new WireIn(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    public Reply readReply() throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line.length() < 3) {
                throw new IOException("malformed reply: " + line);
            }
            text.append(line.length() > 4 ? line.substring(4) : "").append('\n');
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
            }
        }
    }

    private static Reply expect(Reply r, int code, String what) throws IOException {
        if (r.code() != code) {
            throw new IOException(what + " failed: " + r.code() + " " + r.text().trim());
        }
        return r;
    }

    private void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public Reply command(String line) throws IOException {
        send(line);
        out.flush();
        return readReply();
    }

    public void ehlo() throws IOException {
        ehlo = expect(command("EHLO bench.letterbox.test"), 250, "EHLO").text().toUpperCase(Locale.ROOT);
    }

    public boolean offers(String extension) {
        for (String l : ehlo.split("\n")) {
            if (l.equals(extension) || l.startsWith(extension + " ") || l.startsWith(extension + "=")) {
                return true;
            }
        }
        return false;
    }

    /** STARTTLS (RFC 3207) then EHLO again. */
    public void startTls() throws IOException {
        expect(command("STARTTLS"), 220, "STARTTLS");
        socket = Target.startTls(socket, target.address().getHostAddress());
        streams();
        ehlo();
    }

    public void authPlain(String user, String password) throws IOException {
        String ir = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        expect(command("AUTH PLAIN " + ir), 235, "AUTH PLAIN");
    }

    /**
     * Submits one message (already CRLF, without dot-stuffing needs: no line starts with '.').
     * With PIPELINING (RFC 2920) MAIL, RCPT and DATA go in one write. Returns the nanoTime at which
     * the end-of-data dot was flushed (the moment the delivery was handed to the server).
     */
    public long submit(String from, String to, byte[] message, boolean pipelining) throws IOException {
        if (pipelining) {
            send("MAIL FROM:<" + from + ">");
            send("RCPT TO:<" + to + ">");
            send("DATA");
            out.flush();
            Reply mail = readReply();
            Reply rcpt = readReply();
            Reply data = readReply();
            expect(mail, 250, "MAIL");
            expect(rcpt, 250, "RCPT");
            expect(data, 354, "DATA");
        } else {
            expect(command("MAIL FROM:<" + from + ">"), 250, "MAIL");
            expect(command("RCPT TO:<" + to + ">"), 250, "RCPT");
            expect(command("DATA"), 354, "DATA");
        }
        out.write(message);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long handedOver = System.nanoTime();
        expect(readReply(), 250, "end of DATA");
        return handedOver;
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
