package dev.letterbox.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.core.store.MailboxId;
import dev.letterbox.core.store.UidSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryChangeHubTest {
    private final InMemoryChangeHub hub = new InMemoryChangeHub();
    private final MailboxId a = new MailboxId("a");
    private final MailboxId b = new MailboxId("b");

    private MailboxChange added(MailboxId id, long uid) {
        return new MailboxChange.MessagesAdded(id, UidSet.of(uid), Origin.HOST);
    }

    @Test
    void listeners_get_only_their_mailbox_in_publish_order() {
        List<MailboxChange> gotA = new ArrayList<>();
        List<MailboxChange> gotB = new ArrayList<>();
        hub.subscribe(a, gotA::add);
        hub.subscribe(b, gotB::add);
        hub.publish(added(a, 1));
        hub.publish(added(b, 2));
        hub.publish(added(a, 3));
        assertThat(gotA).containsExactly(added(a, 1), added(a, 3));
        assertThat(gotB).containsExactly(added(b, 2));
    }

    @Test
    void closing_a_subscription_stops_delivery_and_is_idempotent() {
        List<MailboxChange> got = new ArrayList<>();
        var s1 = hub.subscribe(a, got::add);
        var s2 = hub.subscribe(a, got::add); // same listener twice: two deliveries
        hub.publish(added(a, 1));
        s1.close();
        s1.close();
        hub.publish(added(a, 2));
        s2.close();
        hub.publish(added(a, 3));
        assertThat(got).containsExactly(added(a, 1), added(a, 1), added(a, 2));
        assertThat(hub.listenerCount(a)).isZero();
    }

    @Test
    void a_throwing_listener_does_not_reach_the_publisher_or_other_listeners() {
        List<MailboxChange> got = new ArrayList<>();
        hub.subscribe(a, c -> {
            throw new IllegalStateException("boom");
        });
        hub.subscribe(a, got::add);
        hub.publish(added(a, 1));
        assertThat(got).hasSize(1);
    }

    @Test
    void subscribe_all_sees_every_mailbox_until_closed() {
        List<MailboxChange> got = new ArrayList<>();
        var s = hub.subscribeAll(got::add);
        hub.publish(added(a, 1));
        hub.publish(added(b, 1));
        s.close();
        hub.publish(added(a, 2));
        assertThat(got).containsExactly(added(a, 1), added(b, 1));
    }

    @Test
    void concurrent_subscribe_and_publish_lose_no_subscription() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        CountDownLatch done = new CountDownLatch(threads);
        AtomicInteger deliveries = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 200; i++) {
                        var s = hub.subscribe(a, c -> deliveries.incrementAndGet());
                        hub.subscribeAll(c -> { }).close();
                        hub.publish(added(b, 1));
                        s.close();
                    }
                    hub.subscribe(a, c -> deliveries.incrementAndGet());
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
            th.start();
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
        assertThat(hub.listenerCount(a)).isEqualTo(threads);
        deliveries.set(0);
        hub.publish(added(a, 9));
        assertThat(deliveries).hasValue(threads);
    }
}
