package dev.letterbox.smtp.internal;

import dev.letterbox.smtp.SubmissionContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Header fields the submission server adds at the top of a message: the RFC 5321 §4.4 {@code Received}
 * trace field (with the RFC 3848 / RFC 6531 §3.7.3 protocol type: ESMTPSA, UTF8SMTPS, ...), and a
 * {@code Date} and {@code Message-ID} when the message has none (RFC 6409 §8.2, §8.3).
 */
final class TraceHeaders {
    /** RFC 5322 §3.3 date-time. */
    static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);
    /** How much of the message is scanned for Date and Message-ID. */
    static final int HEADER_SCAN_LIMIT = 256 * 1024;

    private TraceHeaders() {
    }

    static byte[] build(SmtpConfig cfg, SubmissionContext ctx, boolean smtpUtf8, List<String> recipients, ByteBuffer head) {
        ZonedDateTime now = ZonedDateTime.now(cfg.clock());
        String date = RFC5322.format(now);
        StringBuilder sb = new StringBuilder(256);
        if (cfg.addReceived()) {
            String ip = ctx.client().getAddress() == null ? ctx.client().getHostString()
                    : ctx.client().getAddress().getHostAddress();
            sb.append("Received: from ").append(sanitize(ctx.helo())).append(" ([").append(ip.indexOf(':') >= 0 ? "IPv6:" + ip : ip)
                    .append("])\r\n\tby ").append(sanitize(cfg.hostname())).append(" (Letterbox)");
            ctx.tls().ifPresent(t -> sb.append("\r\n\t(using ").append(sanitize(t.protocol())).append(" with cipher ")
                    .append(sanitize(t.cipherSuite())).append(')'));
            sb.append("\r\n\twith ").append(protocol(ctx, smtpUtf8)).append(" id ").append(sanitize(ctx.sessionId()));
            if (recipients.size() == 1 && recipients.get(0).chars().allMatch(c -> c > 32 && c < 127)) {
                sb.append("\r\n\tfor <").append(recipients.get(0)).append('>');
            }
            sb.append(";\r\n\t").append(date).append("\r\n");
        }
        if (cfg.addDate() || cfg.addMessageId()) {
            boolean[] found = scan(head);
            if (cfg.addDate() && !found[0]) sb.append("Date: ").append(date).append("\r\n");
            if (cfg.addMessageId() && !found[1]) {
                sb.append("Message-ID: <").append(UUID.randomUUID()).append('@').append(sanitize(cfg.hostname())).append(">\r\n");
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** RFC 3848 §1 / RFC 6531 §3.7.3 "with" protocol types. */
    static String protocol(SubmissionContext ctx, boolean smtpUtf8) {
        String base = smtpUtf8 ? "UTF8SMTP" : ctx.esmtp() ? "ESMTP" : "SMTP";
        if (!smtpUtf8 && !ctx.esmtp() && (ctx.tls().isPresent() || ctx.principal().isPresent())) base = "ESMTP";
        return base + (ctx.tls().isPresent() ? "S" : "") + (ctx.principal().isPresent() ? "A" : "");
    }

    private static final Pattern DATE = Pattern.compile("date\\s*:.*");
    private static final Pattern MESSAGE_ID = Pattern.compile("message-id\\s*:.*");

    /** Whether the header section of {@code head} (position to limit) has a Date ([0]) and a Message-ID ([1]) field. */
    static boolean[] scan(ByteBuffer buf) {
        boolean[] found = new boolean[2];
        byte[] head;
        int lineStart;
        int length;
        if (buf.hasArray()) {
            head = buf.array();
            lineStart = buf.arrayOffset() + buf.position();
            length = buf.arrayOffset() + buf.limit();
        } else {
            head = new byte[buf.remaining()];
            buf.duplicate().get(head);
            lineStart = 0;
            length = head.length;
        }
        for (int i = lineStart; i <= length; i++) {
            if (i == length || head[i] == '\n') {
                int end = i > lineStart && head[i - 1] == '\r' ? i - 1 : i;
                if (end == lineStart) break; // empty line: end of the header section
                String line = new String(head, lineStart, Math.min(end - lineStart, 20), StandardCharsets.ISO_8859_1)
                        .toLowerCase(Locale.ROOT);
                if (DATE.matcher(line).matches()) found[0] = true;
                if (MESSAGE_ID.matcher(line).matches()) found[1] = true;
                lineStart = i + 1;
            }
        }
        return found;
    }

    private static String sanitize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c > 32 && c < 127 && c != '(' && c != ')' && c != ';' && c != '\\' ? c : '_');
        }
        return sb.toString();
    }
}
