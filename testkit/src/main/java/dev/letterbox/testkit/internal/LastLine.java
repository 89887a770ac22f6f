package dev.letterbox.testkit.internal;

/** The start of the last complete line sent to the client (enough to see {@code +}, {@code 334}, {@code 354}). */
final class LastLine {
    private static final int KEEP = 16;
    private final StringBuilder current = new StringBuilder();
    private String last = "";

    void update(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c == '\n') {
                last = current.toString();
                current.setLength(0);
            } else if (c != '\r' && current.length() < KEEP) {
                current.append((char) (c & 0xff));
            }
        }
    }

    String last() {
        return last;
    }
}
