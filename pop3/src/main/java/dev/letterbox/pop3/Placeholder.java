package dev.letterbox.pop3;

/** Placeholder until the module's first real class lands; delete it then. */
final class Placeholder {
    private Placeholder() {
    }
}
