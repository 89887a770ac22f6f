package dev.letterbox.bench.load;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Deterministic RFC 5322 test messages: the same index always yields the same bytes, so every
 * server receives exactly the same mail. Every {@link #SUBJECT_EVERY}th message carries
 * {@link #SUBJECT_TOKEN} in its Subject, every {@link #BODY_EVERY}th carries {@link #BODY_TOKEN} in
 * its body, so SEARCH results can be checked.
 */
public final class Messages {
    public static final String SUBJECT_TOKEN = "zebrafinch";
    public static final String BODY_TOKEN = "quokkamoon";
    public static final int SUBJECT_EVERY = 100;
    public static final int BODY_EVERY = 50;
    private static final String[] WORDS = {
        "letter", "box", "mail", "server", "quiet", "river", "stone", "paper", "window", "garden",
        "orange", "signal", "harbor", "meadow", "copper", "lantern", "thunder", "pepper", "violet",
        "marble", "silver", "planet", "cobalt", "willow", "ember", "falcon", "granite", "hollow",
    };
    private static final DateTimeFormatter RFC5322 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ROOT);
    private static final ZonedDateTime EPOCH = ZonedDateTime.of(2026, 1, 5, 9, 0, 0, 0, ZoneOffset.UTC);

    private Messages() {
    }

    public static boolean hasSubjectToken(int index) {
        return index % SUBJECT_EVERY == 7;
    }

    public static boolean hasBodyToken(int index) {
        return index % BODY_EVERY == 3;
    }

    /** Number of messages among indexes [0, n) that carry the subject token. */
    public static int subjectMatches(int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += hasSubjectToken(i) ? 1 : 0;
        }
        return c;
    }

    public static int bodyMatches(int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += hasBodyToken(i) ? 1 : 0;
        }
        return c;
    }

    /** A message of about {@code size} bytes (headers included), CRLF line endings, no line starting with '.'. */
    public static byte[] message(int index, int size, String from, String to) {
        StringBuilder sb = new StringBuilder(size + 256);
        sb.append("From: Bench Sender <").append(from).append(">\r\n");
        sb.append("To: Bench Reader <").append(to).append(">\r\n");
        sb.append("Subject: Bench message ").append(index);
        if (hasSubjectToken(index)) {
            sb.append(' ').append(SUBJECT_TOKEN);
        }
        sb.append("\r\n");
        sb.append("Date: ").append(RFC5322.format(EPOCH.plusMinutes(index))).append("\r\n");
        sb.append("Message-ID: <bench.").append(index).append(".").append(size).append("@letterbox.test>\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: text/plain; charset=us-ascii\r\n");
        sb.append("\r\n");
        long seed = 0x9E3779B97F4A7C15L ^ (index * 0xBF58476D1CE4E5B9L) ^ size;
        int lineLen = 0;
        boolean tokenWritten = !hasBodyToken(index);
        while (sb.length() < size - 2) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            String w = !tokenWritten && sb.length() > size / 2 ? BODY_TOKEN : WORDS[(int) Math.floorMod(seed, (long) WORDS.length)];
            tokenWritten |= w == BODY_TOKEN;
            if (lineLen + w.length() + 1 > 72) {
                sb.append("\r\n");
                lineLen = 0;
            } else if (lineLen > 0) {
                sb.append(' ');
                lineLen++;
            }
            sb.append(w);
            lineLen += w.length();
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
