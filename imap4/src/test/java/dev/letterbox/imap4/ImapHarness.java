package dev.letterbox.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** In-memory IMAP server plus scripted clients over {@link MemoryConnection}. */
public final class ImapHarness {
    public final InMemoryMailStore store;
    public final TrackedStore tracked;
    /** The real auth service over a test registry (PLAIN and the two-step LOGIN; plaintext on TLS or loopback). */
    public final AuthService auth = DefaultAuthService.builder()
            .authenticator(UserRegistry.forTests().setPassword("alice", "secret".toCharArray())
                    .setPassword("bob", "hunter2".toCharArray()))
            .mechanisms("PLAIN", "LOGIN").failedLoginDelay(Duration.ZERO).build();
    public final ImapProtocol protocol;

    public ImapHarness() {
        this(b -> { });
    }

    public ImapHarness(Consumer<ImapProtocol.Builder> options) {
        this(InMemoryMailStore.builder().user("alice", "bob").build(), options);
    }

    public ImapHarness(InMemoryMailStore store, Consumer<ImapProtocol.Builder> options) {
        this.store = store;
        this.tracked = new TrackedStore(store, new InMemoryChangeHub());
        ImapProtocol.Builder b = ImapProtocol.builder(tracked, auth).idleHeartbeat(Duration.ZERO);
        options.accept(b);
        protocol = b.build();
    }

    public Client connect() {
        return new Client(MemoryConnection.open(protocol));
    }

    public Client connect(MemoryConnection.Builder b) {
        return new Client(MemoryConnection.open(protocol, b));
    }

    /** A logged-in client of alice. */
    public Client alice() {
        Client c = connect();
        c.greeting();
        c.ok("l1 LOGIN alice secret");
        return c;
    }

    public void deliver(String user, String message) {
        deliver(user, MailboxPath.INBOX, message);
    }

    public void deliver(String user, MailboxPath folder, String message) {
        tracked.deliver(user, folder, MessageSource.ofBytes(message.getBytes(StandardCharsets.UTF_8)), Set.of(),
                Instant.parse("2024-03-01T10:00:00Z"));
    }

    public static String msg(String subject) {
        return "From: a@example.com\r\nTo: b@example.com\r\nSubject: " + subject + "\r\n\r\nbody " + subject + "\r\n";
    }

    /** One scripted client. */
    public static final class Client {
        public final MemoryConnection conn;

        Client(MemoryConnection conn) {
            this.conn = conn;
        }

        public String greeting() {
            return conn.takeOutput();
        }

        /** Sends a line (CRLF added) and returns everything the server wrote. */
        public String send(String line) {
            conn.sendLine(line);
            return conn.takeOutput();
        }

        public List<String> lines(String line) {
            return split(send(line));
        }

        public static List<String> split(String out) {
            if (out.isEmpty()) return List.of();
            return Arrays.asList(out.split("\r\n", -1)).subList(0, out.split("\r\n", -1).length - 1);
        }

        /** Sends a command whose tag is its first word and expects a tagged OK; returns all output. */
        public String ok(String line) {
            String tag = line.substring(0, line.indexOf(' '));
            String out = send(line);
            assertThat(lastLine(out)).as("reply to %s in:%n%s", line, out).startsWith(tag + " OK");
            return out;
        }

        public static String lastLine(String out) {
            List<String> l = split(out);
            return l.isEmpty() ? "" : l.get(l.size() - 1);
        }
    }
}
