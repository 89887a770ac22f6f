package dev.letterbox.testkit;

import java.util.Objects;
import java.util.Optional;

/**
 * A command a client sent, as the protocol session reported it.
 *
 * @param connection the connection index (0 for the server's first connection, in accept order)
 * @param service    where it arrived
 * @param user       the user the connection was authenticated as when the command arrived
 * @param verb       upper case: {@code LOGIN}, {@code UID FETCH}, {@code RETR}, {@code RCPT}
 * @param line       the command line with credentials redacted, without CRLF
 */
public record RecordedCommand(int connection, Service service, Optional<String> user, String verb, String line) {
    public RecordedCommand {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(line, "line");
    }

    @Override
    public String toString() {
        return "#" + connection + " " + service.endpointName() + user.map(u -> " (" + u + ")").orElse("") + " C: " + line;
    }
}
