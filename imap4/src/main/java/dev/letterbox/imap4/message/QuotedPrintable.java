package dev.letterbox.imap4.message;

import java.io.ByteArrayOutputStream;

/**
 * Quoted-printable decoding (RFC 2045 §6.7): {@code =XX} octets (either hex case), soft line
 * breaks ({@code =} followed by optional blanks and a line break), trailing blanks of encoded lines
 * removed (rule 3). Angus Mail's decoder does not drop blanks after a soft-break {@code =}, which
 * RFC 2045 asks for, hence this small decoder.
 */
final class QuotedPrintable {
    private QuotedPrintable() {
    }

    /**
     * @param lenient keep an {@code =} that starts no valid escape as is (otherwise fail)
     */
    static byte[] decode(byte[] d, int off, int len, boolean lenient) throws TransferDecoding.DecodingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int le = i;
            while (le < end && d[le] != '\n') le++;
            int ce = le;
            if (ce > i && le < end && d[ce - 1] == '\r') ce--;
            else if (le >= end && ce > i && d[ce - 1] == '\r') ce--;
            int te = ce;
            while (te > i && (d[te - 1] == ' ' || d[te - 1] == '\t')) te--;
            boolean soft = false;
            int k = i;
            while (k < te) {
                byte b = d[k];
                if (b != '=') {
                    out.write(b);
                    k++;
                    continue;
                }
                if (k + 1 == te) {
                    soft = true;
                    k++;
                    break;
                }
                int h = k + 1 < te ? hex(d[k + 1]) : -1;
                int l = k + 2 < te ? hex(d[k + 2]) : -1;
                if (h >= 0 && l >= 0) {
                    out.write(h * 16 + l);
                    k += 3;
                } else if (lenient) {
                    out.write('=');
                    k++;
                } else {
                    throw new TransferDecoding.DecodingException("Invalid quoted-printable data");
                }
            }
            if (le < end) {
                if (!soft) out.write(d, ce, le + 1 - ce);
                i = le + 1;
            } else {
                if (!soft && ce < le) out.write(d, ce, le - ce);
                i = end;
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        return -1;
    }
}
