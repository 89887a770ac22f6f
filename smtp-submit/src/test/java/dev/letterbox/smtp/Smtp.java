package dev.letterbox.smtp;

import dev.letterbox.core.net.MemoryConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Transcript helper: one simulated client connection. */
final class Smtp {
    final MemoryConnection conn;
    final String greeting;

    Smtp(SubmissionProtocol protocol) {
        this(protocol, MemoryConnection.builder());
    }

    Smtp(SubmissionProtocol protocol, MemoryConnection.Builder b) {
        conn = MemoryConnection.open(protocol, b);
        greeting = conn.takeOutput();
    }

    /** Sends one line and returns everything the server wrote. */
    String cmd(String line) {
        conn.sendLine(line);
        return conn.takeOutput();
    }

    String send(String raw) {
        conn.send(raw);
        return conn.takeOutput();
    }

    String send(byte[] raw) {
        conn.send(raw);
        return conn.takeOutput();
    }

    /** EHLO + AUTH PLAIN as alice. */
    Smtp login() {
        return login("alice@example.com", "secret");
    }

    Smtp login(String user, String pass) {
        ehlo();
        String r = cmd("AUTH PLAIN " + plain(user, pass));
        if (!r.startsWith("235 ")) throw new AssertionError("login failed: " + r);
        return this;
    }

    String ehlo() {
        return cmd("EHLO client.example");
    }

    static String plain(String user, String pass) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + pass).getBytes(StandardCharsets.UTF_8));
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** MAIL + RCPT + DATA + content + end; returns the final reply. */
    String submit(String from, String to, String content) {
        String r = cmd("MAIL FROM:<" + from + ">");
        if (!r.startsWith("250")) return r;
        r = cmd("RCPT TO:<" + to + ">");
        if (!r.startsWith("250")) return r;
        r = cmd("DATA");
        if (!r.startsWith("354")) return r;
        return send(content + "\r\n.\r\n");
    }
}
