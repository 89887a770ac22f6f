package dev.letterbox.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** An in-memory store, a tracked store over it, a fake AuthService and a POP3 factory, for transcripts. */
final class Pop3Fixture {
    final InMemoryMailStore store = InMemoryMailStore.create();
    final InMemoryChangeHub hub = new InMemoryChangeHub();
    final TrackedStore tracked = new TrackedStore(store, hub);
    final FakeAuth auth = new FakeAuth().user("alice", "secret").user("bob", "hunter2").user("extra", "x");
    final Pop3Protocol protocol;

    Pop3Fixture() {
        this(b -> { });
    }

    Pop3Fixture(Consumer<Pop3Protocol.Builder> options) {
        Pop3Protocol.Builder b = Pop3Protocol.builder(tracked, auth);
        options.accept(b);
        protocol = b.build();
    }

    MemoryConnection connect() {
        MemoryConnection c = MemoryConnection.open(protocol);
        assertThat(c.takeOutput()).startsWith("+OK ");
        return c;
    }

    MemoryConnection connect(MemoryConnection.Builder options) {
        MemoryConnection c = MemoryConnection.open(protocol, options);
        assertThat(c.takeOutput()).startsWith("+OK ");
        return c;
    }

    /** Connects from loopback and logs in with USER/PASS. */
    MemoryConnection login(String user) {
        MemoryConnection c = connect();
        assertThat(cmd(c, "USER " + user)).startsWith("+OK");
        assertThat(cmd(c, "PASS " + auth.users.get(user))).startsWith("+OK");
        return c;
    }

    MessageMeta deliver(String user, String message) {
        return tracked.deliver(user, MessageSource.ofBytes(message.getBytes(StandardCharsets.UTF_8)));
    }

    static String cmd(MemoryConnection c, String line) {
        c.sendLine(line);
        return c.takeOutput();
    }

    static String message(int i) {
        return "From: a@example.org\r\nSubject: message " + i + "\r\n\r\nbody " + i + "\r\n";
    }
}
