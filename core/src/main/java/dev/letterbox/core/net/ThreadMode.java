package dev.letterbox.core.net;

import java.util.Locale;

/** Which threads run connections when the host does not inject an executor. */
public enum ThreadMode {
    /** Virtual threads when the JVM has them (Java 21+), a bounded platform-thread pool otherwise. */
    AUTO,
    /** One virtual thread per connection; {@code MailServer.start()} fails on a JVM without them. */
    VIRTUAL,
    /** A bounded pool of platform threads, one per connection while it lasts. */
    PLATFORM;

    /** The system property that sets the default mode: {@code auto}, {@code virtual} or {@code platform}. */
    public static final String PROPERTY = "letterbox.threads";

    /** The mode named by the {@value #PROPERTY} system property, {@link #AUTO} when unset. */
    public static ThreadMode fromSystemProperty() {
        String v = System.getProperty(PROPERTY, "auto").trim().toUpperCase(Locale.ROOT);
        try {
            return valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, virtual or platform, not " + v, e);
        }
    }
}
