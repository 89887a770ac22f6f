package dev.letterbox.smtp.internal;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.smtp.LineEndingPolicy;
import dev.letterbox.smtp.SenderPolicy;
import dev.letterbox.smtp.SubmissionHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The immutable configuration built by {@code SubmissionProtocol.Builder}. */
public record SmtpConfig(
        String hostname,
        AuthService auth,
        SubmissionHandler handler,
        SenderPolicy senderPolicy,
        boolean requireAuth,
        long maxMessageSize,
        int maxRecipients,
        int maxLineLength,
        int maxErrors,
        Duration commandTimeout,
        Duration dataTimeout,
        int spoolMemoryThreshold,
        Optional<Path> spoolDirectory,
        LineEndingPolicy lineEndings,
        boolean addReceived,
        boolean addDate,
        boolean addMessageId,
        boolean pipelining,
        boolean eightBitMime,
        boolean smtpUtf8,
        boolean chunking,
        boolean dsn,
        boolean enhancedStatusCodes,
        boolean startTls,
        Clock clock) {
}
