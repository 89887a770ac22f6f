package dev.letterbox.testkit.tck;

import static dev.letterbox.testkit.tck.Tck.DATE;
import static dev.letterbox.testkit.tck.Tck.read;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.MailboxChange;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.FlagOp;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many threads changing one mailbox (ARCHITECTURE §3 contract 1 and 3), in platform threads and, on
 * JVMs that have them, virtual threads. Synchronisation is by barriers and futures with bounded
 * waits; nothing sleeps.
 */
public interface ConcurrencyContract extends TckContext {
    int THREADS = 8;
    int APPENDS_PER_THREAD = 150;
    long TIMEOUT_SECONDS = 120;

    /** Runs {@code tasks} at once (released together by a barrier) and waits for all, rethrowing failures. */
    static void runTogether(String mode, List<ThrowingRunnable> tasks) throws Exception {
        ExecutorService ex = Tck.executor(mode, tasks.size());
        try {
            CyclicBarrier start = new CyclicBarrier(tasks.size());
            List<Future<?>> fs = new ArrayList<>();
            for (ThrowingRunnable t : tasks) {
                fs.add(ex.submit(() -> {
                    start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    t.run();
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            ex.shutdownNow();
            if (!ex.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)) throw new AssertionError("tasks did not stop");
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static byte[] body(int thread, int i) {
        return ("From: t" + thread + "@tck\r\nSubject: " + thread + "/" + i + "\r\n\r\nbody " + thread + "/" + i + "\r\n")
                .getBytes(US_ASCII);
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("dev.letterbox.testkit.tck.Tck#threadModes")
    default void eight_threads_appending_flagging_and_expunging_keep_uids_ascending_visible_in_order_and_lose_nothing(
            String mode) throws Exception {
        InMemoryChangeHub hub = new InMemoryChangeHub();
        TrackedStore tracked = new TrackedStore(store(), hub);
        UserMailboxes u = tracked.open(user(), new Origin("tck-concurrency"));
        Mailbox box = TckContext.openOrCreate(u, MailboxPath.of("tck-concurrent"));
        ConcurrentLinkedQueue<MailboxChange> events = new ConcurrentLinkedQueue<>();
        hub.subscribe(box.id(), events::add);

        Map<Long, byte[]> appended = new ConcurrentHashMap<>();
        Set<Long> deleted = ConcurrentHashMap.newKeySet();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch writersLeft = new CountDownLatch(THREADS);
        List<String> violations = new CopyOnWriteArrayList<>();

        List<ThrowingRunnable> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(() -> {
                try {
                    write(box, thread, appended, deleted, seen, violations);
                } finally {
                    writersLeft.countDown();
                }
            });
        }
        tasks.add(() -> observe(box, writersLeft, violations));
        runTogether(mode, tasks);

        assertThat(violations).isEmpty();
        assertThat(appended).hasSize(THREADS * APPENDS_PER_THREAD);
        Set<Long> expected = new HashSet<>(appended.keySet());
        expected.removeAll(deleted);
        List<MessageMeta> all = box.metaAfter(0);
        assertThat(all).extracting(MessageMeta::uid).doesNotHaveDuplicates().isSorted()
                .containsExactlyInAnyOrderElementsOf(expected);
        var st = box.status();
        assertThat(st.messages()).isEqualTo(expected.size());
        assertThat(st.uidNext()).isGreaterThan(all.get(all.size() - 1).uid());
        long unseen = expected.stream().filter(x -> !seen.contains(x)).count();
        assertThat(st.unseen()).isEqualTo((int) unseen);
        for (MessageMeta m : all) {
            assertThat(m.has(Flag.SEEN)).isEqualTo(seen.contains(m.uid()));
            assertThat(read(box.content(m.uid()))).isEqualTo(appended.get(m.uid()));
        }
        // every change was published once, UID-keyed
        UidSet.Builder added = UidSet.builder();
        UidSet.Builder expunged = UidSet.builder();
        long flagEvents = 0;
        for (MailboxChange c : events) {
            if (c instanceof MailboxChange.MessagesAdded a) added.addAll(a.uids());
            if (c instanceof MailboxChange.MessagesExpunged e) expunged.addAll(e.uids());
            if (c instanceof MailboxChange.FlagsChanged f) flagEvents += f.messages().size();
        }
        assertThat(added.build()).isEqualTo(UidSet.of(appended.keySet().stream().mapToLong(Long::longValue).toArray()));
        assertThat(expunged.build()).isEqualTo(UidSet.of(deleted.stream().mapToLong(Long::longValue).toArray()));
        assertThat(flagEvents).isEqualTo(seen.size());
    }

    /** One writer: appends, flags every third message, expunges its previous message every fourth step. */
    private static void write(Mailbox box, int thread, Map<Long, byte[]> appended, Set<Long> deleted, Set<Long> seen,
                              List<String> violations) {
        long last = 0;
        for (int i = 0; i < APPENDS_PER_THREAD; i++) {
            byte[] b = body(thread, i);
            MessageMeta m = box.append(MessageSource.ofBytes(b), Set.of(), DATE);
            if (m.uid() <= last) violations.add("thread " + thread + " got UID " + m.uid() + " after " + last);
            if (appended.putIfAbsent(m.uid(), b) != null) violations.add("UID " + m.uid() + " handed out twice");
            if (i % 3 == 0) {
                box.updateFlags(UidSet.of(m.uid()), FlagOp.ADD, Set.of(Flag.SEEN));
                seen.add(m.uid());
            }
            if (i % 4 == 1 && last != 0) {
                UidSet gone = box.delete(UidSet.of(last));
                if (!gone.equals(UidSet.of(last))) violations.add("delete of " + last + " returned " + gone);
                deleted.add(last);
            }
            last = m.uid();
        }
    }

    /**
     * The visibility rule of ARCHITECTURE §3: once a snapshot shows UID m, a lower UID that was not
     * in that snapshot must never appear later (it was either gone or not yet visible, and the latter
     * is forbidden). Also: a message that has disappeared (expunged) never comes back. Runs until the
     * writers finish, then takes two more snapshots, so that at least two are always compared.
     */
    private static void observe(Mailbox box, CountDownLatch writersLeft, List<String> violations) {
        Set<Long> visible = new HashSet<>();
        Set<Long> vanished = new HashSet<>();
        long maxSeen = 0;
        int passesAfterDone = 0;
        while (passesAfterDone < 2) {
            if (writersLeft.getCount() == 0) passesAfterDone++;
            long prev = 0;
            long newMax = maxSeen;
            Set<Long> now = new HashSet<>();
            for (MessageMeta m : box.metaAfter(0)) {
                long uid = m.uid();
                if (uid <= prev) violations.add("metaAfter not strictly ascending at " + uid);
                prev = uid;
                if (vanished.contains(uid)) violations.add("UID " + uid + " reappeared after it was gone");
                else if (uid < maxSeen && !visible.contains(uid)) {
                    violations.add("UID " + uid + " became visible after the higher UID " + maxSeen);
                }
                now.add(uid);
                newMax = Math.max(newMax, uid);
            }
            for (long uid : visible) if (!now.contains(uid)) vanished.add(uid);
            visible = now;
            maxSeen = newMax;
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("dev.letterbox.testkit.tck.Tck#threadModes")
    default void copies_and_moves_in_opposite_directions_do_not_deadlock_or_lose_messages(String mode) throws Exception {
        UserMailboxes u = mailboxes();
        Mailbox a = TckContext.openOrCreate(u, MailboxPath.of("tck-ping"));
        Mailbox b = TckContext.openOrCreate(u, MailboxPath.of("tck-pong"));
        int rounds = 60;
        for (int i = 0; i < 4; i++) {
            a.append(Tck.source("a" + i), Set.of(), DATE);
            b.append(Tck.source("b" + i), Set.of(), DATE);
        }
        List<ThrowingRunnable> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Mailbox from = t % 2 == 0 ? a : b;
            Mailbox to = t % 2 == 0 ? b : a;
            boolean move = t >= 2;
            tasks.add(() -> {
                for (int i = 0; i < rounds; i++) {
                    UidSet all = UidSet.range(1, UidSet.MAX_UID);
                    if (move) {
                        from.moveTo(all, to).ifPresentOrElse(r -> { }, () -> {
                            var r = from.copyTo(all, to);
                            if (r.sourceUids().length > 0) from.delete(r.sourceSet());
                        });
                    } else {
                        UidSet present = from.allUids(); // one snapshot: the mailbox may empty meanwhile
                        if (!present.isEmpty()) from.copyTo(UidSet.of(present.min()), to);
                    }
                }
            });
        }
        runTogether(mode, tasks);
        long total = a.status().messages() + b.status().messages();
        assertThat(total).isGreaterThanOrEqualTo(8);
        for (Mailbox m : List.of(a, b)) {
            for (MessageMeta meta : m.metaAfter(0)) assertThat(read(m.content(meta.uid()))).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("dev.letterbox.testkit.tck.Tck#threadModes")
    default void readers_see_whole_messages_or_no_such_message_while_others_expunge(String mode) throws Exception {
        Mailbox box = TckContext.openOrCreate(mailboxes(), MailboxPath.of("tck-readers"));
        int n = 200;
        Map<Long, byte[]> bytes = new ConcurrentHashMap<>();
        for (int i = 0; i < n; i++) {
            byte[] b = body(99, i);
            bytes.put(box.append(MessageSource.ofBytes(b), Set.of(), DATE).uid(), b);
        }
        List<Long> uids = new ArrayList<>(bytes.keySet());
        List<ThrowingRunnable> tasks = new ArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        tasks.add(() -> {
            for (long uid : uids) box.delete(UidSet.of(uid));
        });
        for (int r = 0; r < 3; r++) {
            tasks.add(() -> {
                for (long uid : uids) {
                    try {
                        byte[] got = read(box.content(uid));
                        if (!java.util.Arrays.equals(got, bytes.get(uid))) problems.add("torn read of " + uid);
                    } catch (StoreException.NoSuchMessage gone) {
                        // expected once deleted
                    }
                }
            });
        }
        runTogether(mode, tasks);
        assertThat(problems).isEmpty();
        assertThat(box.status().messages()).isZero();
    }
}
