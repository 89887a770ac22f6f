package dev.letterbox.testkit.internal;

import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.fault.Fault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A response with faults armed on it, and where its parts are. */
final class Response {
    final Protocol protocol;
    final String tag;
    final String verb;
    final List<Fault> pending;
    long offset;
    long bodyStart = -1;
    boolean replacing;
    long throttle;

    Response(Protocol protocol, String tag, String verb, List<Fault> faults) {
        this.protocol = protocol;
        this.tag = tag;
        this.verb = verb;
        this.pending = new ArrayList<>(faults);
    }

    /** Whether this is the connection's greeting. */
    boolean greeting() {
        return verb == null;
    }

    /** The start of the final line within {@code data} when the response is complete in it, else -1. */
    int finalLineStart(byte[] data) {
        if (greeting()) return lastLineStart(data);
        return switch (protocol) {
            case IMAP -> taggedLine(data);
            case SMTP -> {
                int s = lastLineStart(data);
                if (s < 0 || data.length - s < 4) yield s;
                boolean fin = data[s + 3] == ' ' || data[s + 3] == '\r';
                boolean sasl = data[s] == '3' && data[s + 1] == '3' && data[s + 2] == '4';
                yield fin && !sasl ? s : -1;
            }
            case POP3 -> {
                int s = lastLineStart(data);
                yield s >= 0 && data[s] == '+' && s + 1 < data.length && data[s + 1] == ' ' ? -1 : s;
            }
        };
    }

    /** The start of the line beginning with this command's tag, skipping literals; -1 if absent. */
    private int taggedLine(byte[] data) {
        byte[] t = (tag + " ").getBytes(StandardCharsets.ISO_8859_1);
        int i = 0;
        while (i < data.length) {
            int eol = indexOf(data, (byte) '\n', i);
            if (eol < 0) return -1;
            if (startsWith(data, i, t)) return i;
            long lit = literalAtEnd(data, i, eol);
            i = (int) Math.min(data.length, eol + 1 + lit);
        }
        return -1;
    }

    private static long literalAtEnd(byte[] d, int from, int eol) {
        int end = eol;
        if (end > from && d[end - 1] == '\r') end--;
        if (end <= from || d[end - 1] != '}') return 0;
        int i = end - 2;
        int digitsEnd = i + 1;
        while (i >= from && d[i] >= '0' && d[i] <= '9') i--;
        if (i < from || d[i] != '{' || digitsEnd == i + 1 || digitsEnd - i - 1 > 9) return 0;
        return Long.parseLong(new String(d, i + 1, digitsEnd - i - 1, StandardCharsets.ISO_8859_1));
    }

    /** The start of the last line when {@code data} ends with LF, else -1. */
    static int lastLineStart(byte[] d) {
        if (d.length == 0 || d[d.length - 1] != '\n') return -1;
        int i = d.length - 2;
        while (i >= 0 && d[i] != '\n') i--;
        return i + 1;
    }

    static int indexOf(byte[] d, byte b, int from) {
        for (int i = from; i < d.length; i++) {
            if (d[i] == b) return i;
        }
        return -1;
    }

    private static boolean startsWith(byte[] d, int at, byte[] p) {
        if (at + p.length > d.length) return false;
        for (int i = 0; i < p.length; i++) {
            if (d[at + i] != p[i]) return false;
        }
        return true;
    }

    /** The line that replaces a response or its final line: IMAP replies are tagged unless untagged already. */
    byte[] replyLine(String text) {
        String line = protocol == Protocol.IMAP && tag != null && !text.startsWith("* ") && !text.startsWith("+")
                ? tag + " " + text : text;
        return (line + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
