package dev.letterbox.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every SPI method of the forwarding decorators, default methods included, reaches the delegate unchanged. */
class ForwardingTest {

    /** One call seen by a recording delegate, and the value it answered. */
    record Call(String method, List<Object> args, Object result) {
    }

    /** A delegate of {@code type} that records every call and answers a fresh value of the return type. */
    @SuppressWarnings("unchecked")
    static <T> T recorder(Class<T> type, List<Call> calls) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            switch (m.getName()) {
                case "equals": return proxy == args[0];
                case "hashCode": return System.identityHashCode(proxy);
                case "toString": return "recorder(" + type.getSimpleName() + ")";
                default: break;
            }
            Object result = sample(m.getReturnType());
            calls.add(new Call(m.getName(), args == null ? List.of() : Arrays.asList(args), result));
            return result;
        });
    }

    /** A fresh value of {@code type} (compared by identity where it is an object). */
    static Object sample(Class<?> type) {
        if (type == void.class) return null;
        if (type == boolean.class) return false; // the interface default answers true
        if (type == long.class) return 42L;
        if (type == String.class) return new String("sample");
        if (type == List.class) return new ArrayList<>();
        if (type == Set.class) return new HashSet<>();
        if (type == Optional.class) return Optional.of(new Object());
        if (type == Instant.class) return Instant.ofEpochSecond(7);
        if (type == UidSet.class) return UidSet.of(3, 5);
        if (type == MailboxId.class) return new MailboxId("id");
        if (type == MailboxPath.class) return MailboxPath.of("Sample");
        if (type == MailboxStatus.class) return new MailboxStatus(1, 2, 3, 4, 5, 6, 7);
        if (type == MailboxInfo.class) return new MailboxInfo(MailboxPath.of("A"), new MailboxId("a"), Optional.empty(), true);
        if (type == MessageMeta.class) return new MessageMeta(9, Set.of(), Instant.EPOCH, 10, 11);
        if (type == Mailbox.CopyResult.class) return new Mailbox.CopyResult(1, new long[] {1}, new long[] {2});
        if (type.isEnum()) return type.getEnumConstants()[0];
        if (type.isInterface()) return recorder(type, new ArrayList<>());
        throw new AssertionError("no sample for " + type);
    }

    static final class PlainStore extends ForwardingMailStore {
        PlainStore(MailStore d) {
            super(d);
        }
    }

    static final class PlainTree extends ForwardingUserMailboxes {
        PlainTree(UserMailboxes d) {
            super(d);
        }
    }

    static final class PlainMailbox extends ForwardingMailbox {
        PlainMailbox(Mailbox d) {
            super(d);
        }
    }

    static final class OtherMailbox extends ForwardingMailbox {
        OtherMailbox(Mailbox d) {
            super(d);
        }
    }

    /** Calls each instance method of {@code type} on {@code decorator}; the delegate must see the same call. */
    private static <T> void assertForwardsEverything(Class<T> type, java.util.function.Function<T, T> decorate)
            throws Exception {
        List<Method> methods = Arrays.stream(type.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
        assertThat(methods).isNotEmpty();
        for (Method m : methods) {
            List<Call> calls = new ArrayList<>();
            T decorator = decorate.apply(recorder(type, calls));
            Object[] args = Arrays.stream(m.getParameterTypes()).map(ForwardingTest::sample).toArray();
            Object result;
            try {
                result = m.invoke(decorator, args);
            } catch (InvocationTargetException e) {
                throw new AssertionError(m + " threw", e.getCause());
            }
            assertThat(calls).as("calls for %s", m).hasSize(1);
            Call call = calls.get(0);
            assertThat(call.method()).as("method for %s", m).isEqualTo(m.getName());
            assertThat(call.args()).as("args for %s", m).containsExactly(args);
            if (m.getReturnType().isPrimitive()) {
                assertThat(result).as("result of %s", m).isEqualTo(call.result());
            } else {
                assertThat(result).as("result of %s", m).isSameAs(call.result());
            }
        }
    }

    @Test
    void forwarding_mail_store_forwards_every_method() throws Exception {
        assertForwardsEverything(MailStore.class, PlainStore::new);
    }

    @Test
    void forwarding_user_mailboxes_forwards_every_method_including_defaults() throws Exception {
        assertForwardsEverything(UserMailboxes.class, PlainTree::new);
    }

    @Test
    void forwarding_mailbox_forwards_every_method_including_move() throws Exception {
        assertForwardsEverything(Mailbox.class, PlainMailbox::new);
    }

    @Test
    void copy_and_move_hand_the_delegate_a_target_without_this_decorator() {
        List<Call> calls = new ArrayList<>();
        Mailbox source = new PlainMailbox(recorder(Mailbox.class, calls));
        Mailbox rawTarget = recorder(Mailbox.class, new ArrayList<>());
        source.copyTo(UidSet.of(1), new PlainMailbox(rawTarget));
        source.moveTo(UidSet.of(1), new PlainMailbox(rawTarget));
        assertThat(calls).extracting(c -> c.args().get(1)).containsExactly(rawTarget, rawTarget);
    }

    @Test
    void copy_keeps_a_target_wrapped_by_another_decorator() {
        List<Call> calls = new ArrayList<>();
        Mailbox source = new PlainMailbox(recorder(Mailbox.class, calls));
        Mailbox other = new OtherMailbox(recorder(Mailbox.class, new ArrayList<>()));
        source.copyTo(UidSet.of(1), other);
        assertThat(calls).extracting(c -> c.args().get(1)).containsExactly(other);
    }

    @Test
    void overriding_one_method_leaves_the_others_forwarding() {
        List<Call> calls = new ArrayList<>();
        Mailbox noMove = new ForwardingMailbox(recorder(Mailbox.class, calls)) {
            @Override
            public Optional<CopyResult> moveTo(UidSet uids, Mailbox target) {
                return Optional.empty();
            }
        };
        assertThat(noMove.moveTo(UidSet.of(1), noMove)).isEmpty();
        noMove.allUids();
        assertThat(calls).extracting(Call::method).containsExactly("allUids");
    }
}
