package dev.letterbox.imap4.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Immutable IMAP server configuration, built by {@code ImapProtocol.Builder}.
 *
 * @param disabledCapabilities capabilities switched off (upper case), e.g. {@code IDLE}
 * @param appendLimit          largest message APPEND accepts (RFC 7889); advertised as APPENDLIMIT=n
 * @param literalLimitBeforeAuth largest literal accepted before authentication
 * @param literalLimitAfterAuth  largest literal accepted outside APPEND after authentication
 * @param maxLineLength        longest command line (without literals)
 * @param maxNestingDepth      deepest parenthesized nesting (SEARCH, LIST options)
 * @param autologout           read timeout between commands and during IDLE (RFC 9051 §5.4: ≥ 30 min)
 * @param commandTimeout       read timeout in the middle of a command (literal, continuation)
 * @param idleHeartbeat        interval of {@code * OK Still here} during IDLE; zero disables
 * @param recent               whether \Recent and RECENT are reported to IMAP4rev1 sessions
 * @param spoolThreshold       literals above this many octets are spooled to a temp file
 * @param spoolDirectory       where spooled literals go; null for the JVM temp directory
 * @param maxBadBeforeAuth     consecutive BAD commands before authentication that end the connection
 * @param maxPendingChanges    pending change events per selected session before collapsing into a resync
 * @param serverId             RFC 2971 ID fields
 * @param storePolling         zero, or how often an idling session compares its view with the store
 *                             (for stores whose changes are not published); NOOP and CHECK then compare too
 */
public record ImapConfig(Set<String> disabledCapabilities, long appendLimit, long literalLimitBeforeAuth,
                         long literalLimitAfterAuth, int maxLineLength, int maxNestingDepth, Duration autologout,
                         Duration commandTimeout, Duration idleHeartbeat, boolean recent, int spoolThreshold,
                         Path spoolDirectory, int maxBadBeforeAuth, int maxPendingChanges,
                         Map<String, String> serverId, Duration storePolling) {
    public ImapConfig {
        disabledCapabilities = Set.copyOf(disabledCapabilities);
        serverId = Map.copyOf(serverId);
    }

    public boolean enabled(String capability) {
        return !disabledCapabilities.contains(capability);
    }
}
