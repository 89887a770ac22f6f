package dev.letterbox.testkit.tck;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Small helpers shared by the TCK's contracts. */
public final class Tck {
    /** An INTERNALDATE with second precision, as IMAP carries it. */
    public static final Instant DATE = Instant.parse("2023-04-05T06:07:08Z");

    private Tck() {
    }

    /** A small valid RFC 5322 message with CRLF line endings. */
    public static byte[] message(String subject, String body) {
        return ("From: a@example.org\r\nTo: b@example.org\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + Integer.toHexString((subject + body).hashCode()) + "@tck>\r\n\r\n" + body + "\r\n")
                .getBytes(US_ASCII);
    }

    public static MessageSource source(byte[] bytes) {
        return MessageSource.ofBytes(bytes.clone());
    }

    public static MessageSource source(String subject) {
        return MessageSource.ofBytes(message(subject, "body of " + subject));
    }

    /** A message source that only offers a stream (no in-memory shortcut), as spooled sources do. */
    public static MessageSource streamingSource(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new MessageSource() {
            @Override
            public long size() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(copy);
            }
        };
    }

    /** Every byte of a stored message, read through {@link MessageContent#open()}. */
    public static byte[] read(MessageContent c) {
        try (InputStream in = c.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this JVM has virtual threads (Java 21+). */
    public static boolean virtualThreadsAvailable() {
        return virtualExecutorFactory().isPresent();
    }

    /** The thread kinds to exercise: platform always, virtual when the JVM has them. */
    public static List<String> threadModes() {
        List<String> modes = new ArrayList<>(List.of("platform"));
        if (virtualThreadsAvailable()) modes.add("virtual");
        return modes;
    }

    /** An executor of the given mode ({@code platform} or {@code virtual}) for {@code threads} tasks. */
    public static ExecutorService executor(String mode, int threads) {
        if (mode.equals("virtual")) {
            try {
                return (ExecutorService) virtualExecutorFactory().orElseThrow().invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads unavailable", e);
            }
        }
        return Executors.newFixedThreadPool(threads);
    }

    private static Optional<Method> virtualExecutorFactory() {
        try {
            return Optional.of(Executors.class.getMethod("newVirtualThreadPerTaskExecutor"));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
