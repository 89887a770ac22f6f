package dev.letterbox.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Messages for the MIME/FETCH benchmarks: the shared corpus ({@code -Dletterbox.corpus=<dir>} or
 * {@code shared/corpus} above the working directory), CRLF-normalised, or a synthetic set of
 * ~5 KB multipart messages when the corpus is absent.
 */
final class BenchMessages {
    private BenchMessages() {
    }

    static List<byte[]> corpusOrSynthetic() {
        Path dir = locate();
        if (dir != null) {
            try (Stream<Path> files = Files.list(dir.resolve("messages"))) {
                List<byte[]> out = new ArrayList<>();
                for (Path f : files.sorted().toList()) {
                    if (f.toString().endsWith(".eml")) out.add(crlf(Files.readAllBytes(f)));
                }
                if (!out.isEmpty()) return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) out.add(synthetic(i));
        return out;
    }

    /** A ~5 KB message with a text part, an HTML part and a small base64 attachment. */
    static byte[] synthetic(int i) {
        StringBuilder sb = new StringBuilder();
        sb.append("Return-Path: <sender").append(i).append("@example.org>\r\n");
        sb.append("Received: from mx.example.org by mail.example.net with ESMTPS id ").append(i).append("\r\n");
        sb.append("\tfor <rcpt@example.net>; Tue, 1 Jun 2021 10:00:00 +0000\r\n");
        sb.append("From: \"Sender Number ").append(i).append("\" <sender").append(i).append("@example.org>\r\n");
        sb.append("To: Recipient <rcpt@example.net>, other@example.net\r\n");
        sb.append("Cc: =?utf-8?q?J=C3=B6rg?= <joerg@example.com>\r\n");
        sb.append("Subject: Quarterly report ").append(i).append(" =?utf-8?b?w6TDtsO8?=\r\n");
        sb.append("Date: Tue, 1 Jun 2021 10:00:00 +0000\r\n");
        sb.append("Message-ID: <").append(i).append(".bench@example.org>\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: multipart/mixed; boundary=\"outer-").append(i).append("\"\r\n\r\n");
        sb.append("--outer-").append(i).append("\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n");
        sb.append("--alt\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        for (int l = 0; l < 20; l++) sb.append("Line ").append(l).append(" of the report with some text =C3=A4 here.\r\n");
        sb.append("--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>");
        for (int l = 0; l < 20; l++) sb.append("<p>Line ").append(l).append(" of the report</p>\r\n");
        sb.append("</body></html>\r\n--alt--\r\n");
        sb.append("--outer-").append(i).append("\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n");
        sb.append("Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        for (int l = 0; l < 24; l++) sb.append("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n");
        sb.append("--outer-").append(i).append("--\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Path locate() {
        String prop = System.getProperty("letterbox.corpus");
        if (prop != null && Files.isDirectory(Path.of(prop, "messages"))) return Path.of(prop);
        Path p = Path.of("").toAbsolutePath();
        for (int i = 0; i < 6 && p != null; i++, p = p.getParent()) {
            Path c = p.resolve("shared").resolve("corpus");
            if (Files.isDirectory(c.resolve("messages"))) return c;
        }
        return null;
    }

    static byte[] crlf(byte[] in) {
        int extra = 0;
        for (int i = 0; i < in.length; i++) if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) extra++;
        if (extra == 0) return in;
        byte[] out = new byte[in.length + extra];
        int o = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) out[o++] = '\r';
            out[o++] = in[i];
        }
        return out;
    }
}
