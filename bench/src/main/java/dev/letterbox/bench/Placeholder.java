package dev.letterbox.bench;

/** Placeholder until the module's first real class lands; delete it then. */
final class Placeholder {
    private Placeholder() {
    }
}
