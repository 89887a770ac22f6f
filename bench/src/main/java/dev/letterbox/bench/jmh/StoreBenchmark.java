package dev.letterbox.bench.jmh;

import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MailboxStatus;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The in-memory store: appends (plain, through {@link TrackedStore} with a listener, and from four
 * threads into one mailbox) and the reads a session makes (metaAfter of the tail, meta of a range,
 * status, allUids) on a mailbox of {@code mailboxSize} messages.
 *
 * <p>Run: {@code java -cp ... org.openjdk.jmh.Main StoreBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StoreBenchmark {
    private static final Instant DATE = Instant.parse("2024-01-01T00:00:00Z");
    /** Appending mailboxes are emptied every so many appends so memory stays bounded. */
    private static final int RESET_EVERY = 20_000;

    static byte[] message(int size) {
        StringBuilder sb = new StringBuilder("From: a@example.org\r\nTo: b@example.org\r\nSubject: bench\r\n\r\n");
        while (sb.length() < size - 2) sb.append('x');
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** A fresh mailbox to append into. */
    @State(Scope.Benchmark)
    public static class AppendState {
        @Param({"2048"})
        int messageSize;

        MessageSource source;
        Mailbox plain;
        Mailbox tracked;
        int count;

        @Setup(Level.Iteration)
        public void setUp() {
            source = MessageSource.ofBytes(message(messageSize));
            InMemoryMailStore store = InMemoryMailStore.create();
            plain = store.open("bench").open(MailboxPath.INBOX);
            InMemoryChangeHub hub = new InMemoryChangeHub();
            TrackedStore ts = new TrackedStore(store, hub);
            tracked = ts.open("bench", new Origin("bench")).open(MailboxPath.of("Archive"));
            hub.subscribe(tracked.id(), change -> count++); // a session-like listener that only records
        }

        void maybeReset(Mailbox m, MessageMeta last) {
            if (last.uid() % RESET_EVERY == 0) m.delete(UidSet.range(1, UidSet.MAX_UID));
        }
    }

    /** A big mailbox to read from. */
    @State(Scope.Benchmark)
    public static class ReadState {
        @Param({"100000"})
        int mailboxSize;

        Mailbox box;
        long lastUid;

        @Setup(Level.Trial)
        public void setUp() {
            InMemoryMailStore store = InMemoryMailStore.create();
            box = store.open("bench").open(MailboxPath.INBOX);
            MessageSource src = MessageSource.ofBytes(message(512));
            for (int i = 0; i < mailboxSize; i++) box.append(src, i % 3 == 0 ? Set.of(Flag.SEEN) : Set.of(), DATE);
            box.delete(UidSet.of(7, 700, 7000)); // a few holes, as in real mailboxes
            lastUid = box.status().uidNext() - 1;
        }
    }

    @Benchmark
    public MessageMeta append(AppendState s) {
        MessageMeta m = s.plain.append(s.source, Set.of(), DATE);
        s.maybeReset(s.plain, m);
        return m;
    }

    @Benchmark
    public MessageMeta appendTracked(AppendState s) {
        MessageMeta m = s.tracked.append(s.source, Set.of(), DATE);
        s.maybeReset(s.tracked, m);
        return m;
    }

    @Benchmark
    @Threads(4)
    public MessageMeta appendFourThreadsOneMailbox(AppendState s) {
        MessageMeta m = s.plain.append(s.source, Set.of(), DATE);
        s.maybeReset(s.plain, m);
        return m;
    }

    /** What a session does after a MessagesAdded hint: the last 10 messages. */
    @Benchmark
    public List<MessageMeta> metaAfterTail(ReadState s) {
        return s.box.metaAfter(s.lastUid - 10);
    }

    /** FETCH 100 messages' flags in the middle of the mailbox. */
    @Benchmark
    public List<MessageMeta> metaRange100(ReadState s) {
        return s.box.meta(UidSet.range(50_000, 50_099));
    }

    @Benchmark
    public MailboxStatus status(ReadState s) {
        return s.box.status();
    }

    @Benchmark
    public UidSet allUids(ReadState s) {
        return s.box.allUids();
    }

    /** SELECT of the whole mailbox: every message's meta. */
    @Benchmark
    public List<MessageMeta> metaAfterAll(ReadState s) {
        return s.box.metaAfter(0);
    }

    /** STORE +FLAGS on one message, alternating so it always changes. */
    @Benchmark
    public List<MessageMeta> flagToggle(ReadState s) {
        UidSet one = UidSet.of(12_345);
        List<MessageMeta> r = s.box.updateFlags(one, FlagOp.ADD, Set.of(Flag.FLAGGED));
        return r.isEmpty() ? s.box.updateFlags(one, FlagOp.REMOVE, Set.of(Flag.FLAGGED)) : r;
    }
}
