package dev.letterbox.smtp;

/** Placeholder until the module's first real class lands; delete it then. */
final class Placeholder {
    private Placeholder() {
    }
}
