package dev.letterbox.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads IMAP server responses byte-exactly from a {@link WireIn}: a line ending in a literal marker
 * {@code {n}} is followed by exactly n bytes and then the rest of the line (RFC 9051 §4.3).
 */
public final class ImapReader {
    /** A tagged completion plus what the untagged responses contained. */
    public record Result(String status, String tagged, List<String> untagged, int fetches, long bytes) {
        public boolean ok() {
            return "OK".equals(status);
        }
    }

    private final WireIn in;
    private String capabilities;

    public ImapReader(WireIn in) {
        this.in = in;
    }

    /** The last CAPABILITY list seen in an untagged response, or null. */
    public String capabilities() {
        return capabilities;
    }

    /** Reads responses up to the completion tagged {@code tag}; untagged lines kept only if {@code keep}. */
    public Result readUntilTagged(String tag, boolean keep) throws IOException {
        long before = in.bytesRead();
        List<String> untagged = keep ? new ArrayList<>() : List.of();
        int fetches = 0;
        String prefix = tag + " ";
        while (true) {
            String line = readResponseLine();
            if (line.startsWith(prefix)) {
                String rest = line.substring(prefix.length());
                int sp = rest.indexOf(' ');
                String status = (sp < 0 ? rest : rest.substring(0, sp)).toUpperCase(Locale.ROOT);
                return new Result(status, line, untagged, fetches, in.bytesRead() - before);
            }
            if (line.startsWith("* ")) {
                if (line.indexOf(" FETCH ") > 0) {
                    fetches++;
                }
                if (line.regionMatches(true, 2, "CAPABILITY ", 0, 11)) {
                    capabilities = line.substring(13).toUpperCase(Locale.ROOT);
                }
            }
            if (keep) {
                untagged.add(line);
            }
        }
    }

    /** One whole response line; literals are consumed and replaced by {@code {n}} markers. */
    public String readResponseLine() throws IOException {
        String line = in.readLine();
        long lit = literalLength(line);
        if (lit < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line);
        while (lit >= 0) {
            in.skip(lit);
            String more = in.readLine();
            sb.append(more);
            lit = literalLength(more);
        }
        return sb.toString();
    }

    static long literalLength(String line) {
        int n = line.length();
        if (n < 3 || line.charAt(n - 1) != '}') {
            return -1;
        }
        int open = line.lastIndexOf('{');
        if (open < 0) {
            return -1;
        }
        String num = line.substring(open + 1, n - 1);
        if (num.endsWith("+") || num.endsWith("-")) {
            num = num.substring(0, num.length() - 1);
        }
        try {
            return Long.parseLong(num);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

}
