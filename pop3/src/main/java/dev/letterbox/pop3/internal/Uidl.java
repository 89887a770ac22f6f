package dev.letterbox.pop3.internal;

/**
 * RFC 1939 §7 unique-id listing: a string of 1 to 70 characters in 0x21..0x7E that names one message
 * for good. Derived from the INBOX's uidValidity and the message's UID (ARCHITECTURE §4), both
 * unsigned 32-bit, as 16 lowercase hex digits: unique per message, the same in every session and
 * after restarts for as long as the store keeps its UIDs, and unchanged when a message is only
 * flagged (the KEEP_MARK_SEEN policy relies on that).
 */
final class Uidl {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Uidl() {
    }

    static String of(long uidValidity, long uid) {
        byte[] b = new byte[16];
        put(b, 0, uidValidity);
        put(b, 8, uid);
        return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void put(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }
}
