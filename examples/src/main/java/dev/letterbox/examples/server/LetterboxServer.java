package dev.letterbox.examples.server;

/** The standalone server. */
public final class LetterboxServer {
    private LetterboxServer() {
    }

    public static void main(String[] args) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
