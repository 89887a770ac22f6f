package dev.letterbox.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.event.internal.MailboxLocks;
import dev.letterbox.core.store.MailboxId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class MailboxLocksTest {
    private final MailboxLocks locks = new MailboxLocks();
    private final MailboxId a = new MailboxId("a");
    private final MailboxId b = new MailboxId("b");

    @Test
    void locks_are_forgotten_once_released() {
        try (var l1 = locks.lock(a)) {
            try (var l2 = locks.lock(a, b)) { // reentrant for the same thread
                assertThat(locks.size()).isEqualTo(2);
            }
            assertThat(locks.size()).isEqualTo(1);
        }
        assertThat(locks.size()).isZero();
    }

    @Test
    void opposite_order_pairs_do_not_deadlock_and_exclude_each_other() throws Exception {
        int threads = 4;
        int rounds = 2000;
        int[] counter = {0};
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean flip = t % 2 == 0;
                fs.add(ex.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < rounds; i++) {
                        try (var held = flip ? locks.lock(a, b) : locks.lock(b, a)) {
                            counter[0]++; // guarded by the pair lock
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get(60, TimeUnit.SECONDS);
        } finally {
            ex.shutdownNow();
        }
        assertThat(counter[0]).isEqualTo(threads * rounds);
        assertThat(locks.size()).isZero();
    }
}
