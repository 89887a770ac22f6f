package dev.letterbox.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartGateTest {
    @Test
    void the_clock_starts_when_the_last_session_arrives_or_gives_up() throws Exception {
        StartGate gate = new StartGate(3);
        AtomicLong seen = new AtomicLong();
        CountDownLatch through = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                seen.set(gate.arriveAndAwait());
                through.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        assertThat(through.await(50, TimeUnit.MILLISECONDS)).as("still waiting for two sessions").isFalse();
        assertThat(gate.elapsedSeconds()).isZero();
        gate.leave(); // one session failed during setup
        long before = System.nanoTime();
        long start = gate.arriveAndAwait(); // the last one
        assertThat(through.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isEqualTo(start).isGreaterThanOrEqualTo(before);
        assertThat(gate.elapsedSeconds()).isGreaterThanOrEqualTo(0);
        waiter.join(5000);
    }

    @Test
    void no_sessions_means_already_open() throws Exception {
        StartGate gate = new StartGate(0);
        assertThat(gate.elapsedSeconds()).isGreaterThanOrEqualTo(0);
    }
}
