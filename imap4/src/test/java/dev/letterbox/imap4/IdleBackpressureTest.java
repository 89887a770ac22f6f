package dev.letterbox.imap4;

import static dev.letterbox.imap4.ImapHarness.msg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.letterbox.core.net.MemoryConnection;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading (ARCHITECTURE §4, issue 8): its IDLE push is stuck (as if blocked in a
 * socket write), yet publishers never wait for it, other sessions keep getting their pushes, at most
 * one push is queued for it (level-triggered), its pending changes stay bounded (they collapse into a
 * resync), and once it reads again it is told a correct, de-duplicated state.
 */
class IdleBackpressureTest {
    final ImapHarness h = new ImapHarness(b -> b.recent(false).maxPendingChanges(8));
    final ExecutorService stuckThread = Executors.newSingleThreadExecutor();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger queuedPumps = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        stuckThread.shutdownNow();
    }

    ImapHarness.Client loggedIn(MemoryConnection.Builder b) {
        var c = h.connect(b);
        c.greeting();
        c.ok("l LOGIN alice secret");
        return c;
    }

    @Test
    void a_stalled_idler_blocks_neither_publishers_nor_other_sessions_and_resyncs_correctly() throws Exception {
        for (int i = 1; i <= 5; i++) h.deliver("alice", msg("m" + i));
        var stalled = loggedIn(MemoryConnection.builder().executor(r -> {
            queuedPumps.incrementAndGet();
            stuckThread.execute(() -> {
                try {
                    if (release.await(30, TimeUnit.SECONDS)) r.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }));
        var healthy = loggedIn(MemoryConnection.builder());
        var writer = loggedIn(MemoryConnection.builder());
        writer.ok("s SELECT INBOX");
        InterleavingPropertiesTest.Model stalledModel = new InterleavingPropertiesTest.Model();
        stalledModel.apply(stalled.ok("s SELECT INBOX"), true);
        stalledModel.apply(stalled.ok("f FETCH 1:* (UID FLAGS)"), false);
        InterleavingPropertiesTest.Model healthyModel = new InterleavingPropertiesTest.Model();
        healthyModel.apply(healthy.ok("s SELECT INBOX"), true);
        healthyModel.apply(healthy.ok("f FETCH 1:* (UID FLAGS)"), false);
        assertThat(stalled.send("i IDLE")).isEqualTo("+ idling\r\n");
        assertThat(healthy.send("i IDLE")).isEqualTo("+ idling\r\n");

        // far more changes than the stalled session's bound of 8; none of this may wait for it
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int round = 0; round < 20; round++) {
                writer.ok("w" + round + " STORE " + (round % 5 + 1) + " " + (round % 2 == 0 ? "+" : "-") + "FLAGS (\\Flagged)");
            }
            writer.ok("x1 STORE 2 +FLAGS.SILENT (\\Deleted)");
            writer.ok("x2 EXPUNGE");
            h.deliver("alice", msg("late1"));
            h.deliver("alice", msg("late2"));
        });
        assertThat(queuedPumps.get()).as("level-triggered: one queued push for the stalled session").isEqualTo(1);
        assertThat(stalled.conn.takeOutput()).as("nothing written while stalled").isEmpty();
        String pushed = healthy.conn.takeOutput();
        assertThat(pushed).contains("* 2 EXPUNGE\r\n").contains("* 6 EXISTS\r\n");
        healthyModel.apply(pushed, true);

        release.countDown();
        stuckThread.submit(() -> { }).get(30, TimeUnit.SECONDS); // the released push has run
        String resync = stalled.conn.takeOutput();
        stalledModel.apply(resync, true);
        long fetches = resync.lines().filter(l -> l.contains(" FETCH (")).count();
        assertThat(fetches).as("each changed message reported at most once:%n%s", resync).isLessThanOrEqualTo(4);
        assertThat(resync).contains("* 2 EXPUNGE\r\n").endsWith("* 6 EXISTS\r\n");

        Mailbox inbox = h.tracked.store().open("alice").open(MailboxPath.INBOX);
        List<MessageMeta> store = inbox.meta(inbox.allUids());
        for (var c : List.of(stalled, healthy)) {
            assertThat(c.send("DONE")).isEqualTo("i OK IDLE terminated\r\n");
        }
        InterleavingPropertiesTest.assertSynced(stalledModel, inbox, 0);
        InterleavingPropertiesTest.assertSynced(healthyModel, inbox, 1);
        assertThat(stalledModel.uids).hasSize(store.size()).doesNotContain(2L);
    }

    @Test
    void a_push_stuck_in_a_socket_write_holds_at_most_one_more_pump_however_many_changes_arrive() throws Exception {
        for (int i = 1; i <= 3; i++) h.deliver("alice", msg("m" + i));
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        var idler = loggedIn(MemoryConnection.builder().executor(r -> {
            Thread t = new Thread(r, "pump");
            threads.add(t);
            t.start();
        }));
        InterleavingPropertiesTest.Model model = new InterleavingPropertiesTest.Model();
        model.apply(idler.ok("s SELECT INBOX"), true);
        model.apply(idler.ok("f FETCH 1:* (UID FLAGS)"), false);
        assertThat(idler.send("i IDLE")).isEqualTo("+ idling\r\n");
        var writeLock = (java.util.concurrent.locks.ReentrantLock) idler.conn.writeLock();
        writeLock.lock(); // the client stopped reading: the next push blocks in its write
        try {
            h.deliver("alice", msg("first"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!writeLock.hasQueuedThreads()) { // bounded wait until that push is stuck in its write
                assertThat(System.nanoTime() - deadline).as("push reached its write").isNegative();
                Thread.onSpinWait();
            }
            var writer = loggedIn(MemoryConnection.builder());
            writer.ok("w SELECT INBOX");
            for (int i = 0; i < 30; i++) {
                h.deliver("alice", msg("more" + i));
                writer.ok("x" + i + " STORE " + (i % 3 + 1) + " " + (i % 2 == 0 ? "+" : "-") + "FLAGS (\\Answered)");
            }
            assertThat(threads).as("one push stuck writing, at most one waiting behind it").hasSizeLessThanOrEqualTo(2);
        } finally {
            writeLock.unlock();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(threads).hasSizeLessThanOrEqualTo(2);
        model.apply(idler.conn.takeOutput(), true);
        assertThat(idler.send("DONE")).isEqualTo("i OK IDLE terminated\r\n");
        Mailbox inbox = h.tracked.store().open("alice").open(MailboxPath.INBOX);
        InterleavingPropertiesTest.assertSynced(model, inbox, 0);
        assertThat(model.uids).hasSize(34);
    }
}
