package dev.letterbox.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Real threads: four writer sessions change one mailbox concurrently while a fifth idles on it and
 * receives pushes on the writers' threads. Whatever the interleaving, what the idler was told
 * replays to exactly the store's state, and so does every writer's view after a NOOP.
 */
class ConcurrentSessionsTest {
    @Test
    void concurrent_writers_and_an_idler_stay_consistent_with_the_store() throws Exception {
        ImapHarness h = new ImapHarness(b -> b.recent(false));
        for (int i = 0; i < 10; i++) h.deliver("alice", ImapHarness.msg("seed" + i));
        ImapHarness.Client idler = h.alice();
        InterleavingPropertiesTest.Model idleModel = new InterleavingPropertiesTest.Model();
        idleModel.apply(idler.ok("s SELECT INBOX"), true);
        idleModel.apply(idler.ok("f UID FETCH 1:* (FLAGS)"), true);
        assertThat(idler.send("i IDLE")).startsWith("+ idling\r\n");

        int writers = 4;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<ImapHarness.Client> clients = new ArrayList<>();
        List<InterleavingPropertiesTest.Model> models = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            ImapHarness.Client c = h.alice();
            InterleavingPropertiesTest.Model m = new InterleavingPropertiesTest.Model();
            m.apply(c.ok("s SELECT INBOX"), true);
            clients.add(c);
            models.add(m);
            int seed = w;
            threads.add(new Thread(() -> {
                Random rnd = new Random(seed);
                try {
                    start.await();
                    for (int op = 0; op < 150; op++) {
                        int size = m.uids.size();
                        String t = "w" + seed + "_" + op;
                        switch (rnd.nextInt(5)) {
                            case 0 -> m.apply(c.send(t + " APPEND INBOX {3+}\r\nabc"), true);
                            case 1 -> {
                                if (size > 0) m.apply(c.send(t + " STORE " + (rnd.nextInt(size) + 1) + " +FLAGS (\\Flagged)"), false);
                            }
                            case 2 -> {
                                if (size > 0) {
                                    m.apply(c.send(t + " UID STORE " + m.uids.get(rnd.nextInt(size)) + " +FLAGS.SILENT (\\Deleted)"), true);
                                    m.apply(c.send(t + "x EXPUNGE"), true);
                                }
                            }
                            case 3 -> m.apply(c.send(t + " NOOP"), true);
                            default -> m.apply(c.send(t + " UID FETCH 1:* (FLAGS)"), true);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "writer-" + w));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).as("writer finished").isFalse();
        }
        assertThat(failure.get()).isNull();

        Mailbox inbox = h.tracked.store().open("alice").open(MailboxPath.INBOX);
        List<Long> storeUids = inbox.meta(inbox.allUids()).stream().map(MessageMeta::uid).toList();
        // the idler was told everything while idling: replaying the pushes gives the store's messages
        idleModel.apply(idler.conn.takeOutput(), true);
        assertThat(idleModel.uids).hasSize(storeUids.size());
        idleModel.apply(idler.send("DONE"), true);
        idleModel.apply(idler.ok("z FETCH 1:* (UID)"), false);
        assertThat(idleModel.uids).containsExactlyElementsOf(storeUids);
        for (int w = 0; w < writers; w++) {
            var m = models.get(w);
            m.apply(clients.get(w).ok("n NOOP"), true);
            m.apply(clients.get(w).ok("z FETCH 1:* (UID)"), false);
            assertThat(m.uids).as("writer %d", w).containsExactlyElementsOf(storeUids);
        }
    }
}
