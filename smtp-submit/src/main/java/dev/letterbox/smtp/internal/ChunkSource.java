package dev.letterbox.smtp.internal;

import dev.letterbox.core.store.MessageSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;

/**
 * A message source over byte array pieces (the {@link Spool}'s in-memory chunks), read in place: its
 * streams copy each piece once, and {@code readAllBytes} builds the exact-size array in one pass.
 */
final class ChunkSource implements MessageSource {
    /** {@code array[offset, offset + length)}. */
    record Piece(byte[] array, int offset, int length) {
    }

    private final Piece[] pieces;
    private final long size;

    ChunkSource(Piece[] pieces, long size) {
        this.pieces = pieces;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() {
        if (pieces.length == 1) return new ByteArrayInputStream(pieces[0].array(), pieces[0].offset(), pieces[0].length());
        return new PiecesStream(pieces, size);
    }

    @Override
    public byte[] readAllBytes() {
        return new PiecesStream(pieces, size).readAllBytes();
    }

    /** Reads the pieces in order. */
    private static final class PiecesStream extends InputStream {
        private final Piece[] pieces;
        private long remaining;
        private int piece;
        private int pos;

        PiecesStream(Piece[] pieces, long size) {
            this.pieces = pieces;
            this.remaining = size;
        }

        @Override
        public int read() {
            while (piece < pieces.length) {
                Piece p = pieces[piece];
                if (pos < p.length()) {
                    remaining--;
                    return p.array()[p.offset() + pos++] & 0xff;
                }
                piece++;
                pos = 0;
            }
            return -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) return 0;
            int total = 0;
            while (len > 0 && piece < pieces.length) {
                Piece p = pieces[piece];
                int n = Math.min(p.length() - pos, len);
                if (n == 0) {
                    piece++;
                    pos = 0;
                    continue;
                }
                System.arraycopy(p.array(), p.offset() + pos, b, off, n);
                pos += n;
                off += n;
                len -= n;
                total += n;
            }
            remaining -= total;
            return total == 0 ? -1 : total;
        }

        @Override
        public int available() {
            return (int) Math.min(remaining, Integer.MAX_VALUE);
        }

        @Override
        public byte[] readAllBytes() {
            if (remaining > Integer.MAX_VALUE - 8) throw new OutOfMemoryError("message too large for an array");
            byte[] all = new byte[(int) remaining];
            if (all.length > 0) read(all, 0, all.length);
            return all;
        }
    }
}
