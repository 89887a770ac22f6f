package dev.letterbox.testkit.junit;

import dev.letterbox.testkit.MailTestServer;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 lifecycle for {@link MailTestServer}: a server per test or per class, started before and
 * closed after through the extension store, injected as a parameter (or into {@link TestMailServer}
 * fields). It keeps no static state, so classes and {@code @Nested} classes may run in parallel; a
 * per-class server is shared by the nested classes of the class that registered it.
 *
 * <pre>{@code
 * class NewsletterTest {
 *     @RegisterExtension
 *     static MailTestServerExtension mail = MailTestServerExtension.perClass(b -> b.user("alice@example.com", "secret"));
 *
 *     @Test
 *     void sends(MailTestServer server) { ... }   // or mail.server()
 * }
 * }</pre>
 *
 * Registered with {@code @ExtendWith(MailTestServerExtension.class)} it starts a default server per
 * test for parameters of type {@link MailTestServer}.
 */
public final class MailTestServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    /** When servers are created. */
    public enum Lifecycle {
        /** A fresh server for every test method. */
        PER_TEST,
        /** One server for the test class (and its nested classes), reset before each test unless configured otherwise. */
        PER_CLASS
    }

    private static final String KEY = "server";

    private final Consumer<MailTestServer.Builder> config;
    private final Lifecycle lifecycle;
    private final boolean resetBetweenTests;
    private final ExtensionContext.Namespace namespace;
    /** The declarative instance ({@code @ExtendWith}, {@link TestMailServer}): handles fields, starts parameter servers lazily. */
    private final boolean declarative;
    private volatile MailTestServer last;

    /** For {@code @ExtendWith}: a default server per test that asks for one as a parameter, and {@link TestMailServer} fields. */
    public MailTestServerExtension() {
        this(b -> { }, Lifecycle.PER_TEST, true, true);
    }

    private MailTestServerExtension(Consumer<MailTestServer.Builder> config, Lifecycle lifecycle, boolean reset) {
        this(config, lifecycle, reset, false);
    }

    private MailTestServerExtension(Consumer<MailTestServer.Builder> config, Lifecycle lifecycle, boolean reset,
                                    boolean declarative) {
        this.declarative = declarative;
        this.config = Objects.requireNonNull(config, "config");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.resetBetweenTests = reset;
        this.namespace = ExtensionContext.Namespace.create(MailTestServerExtension.class, this);
    }

    /** A fresh server per test, configured by {@code config}. */
    public static MailTestServerExtension perTest(Consumer<MailTestServer.Builder> config) {
        return new MailTestServerExtension(config, Lifecycle.PER_TEST, true);
    }

    public static MailTestServerExtension perTest() {
        return perTest(b -> { });
    }

    /** One server per class, reset before each test. Register it on a {@code static} field. */
    public static MailTestServerExtension perClass(Consumer<MailTestServer.Builder> config) {
        return new MailTestServerExtension(config, Lifecycle.PER_CLASS, true);
    }

    public static MailTestServerExtension perClass() {
        return perClass(b -> { });
    }

    /** A per-class server that keeps messages and records from test to test. */
    public MailTestServerExtension withoutResetBetweenTests() {
        return new MailTestServerExtension(config, lifecycle, false);
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /**
     * The current server: the class's server, or the one of the test running now. Under parallel
     * execution of a per-test extension shared by several tests, use parameter injection instead.
     *
     * @throws IllegalStateException outside a test
     */
    public MailTestServer server() {
        MailTestServer s = last;
        if (s == null) throw new IllegalStateException("no server: not inside a test");
        return s;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (lifecycle == Lifecycle.PER_CLASS && find(context) == null) {
            start(context, config);
        }
        if (!declarative) return;
        for (Field f : annotated(context.getRequiredTestClass(), true)) {
            inject(context, f, null);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (lifecycle == Lifecycle.PER_TEST) {
            if (!declarative) start(context, config);
        } else {
            MailTestServer s = find(context);
            if (s != null) {
                last = s;
                if (resetBetweenTests) s.reset();
            }
        }
        if (!declarative) return;
        for (Field f : annotated(context.getRequiredTestClass(), true)) {
            TestMailServer a = f.getAnnotation(TestMailServer.class);
            MailTestServer s = (MailTestServer) get(f, null);
            if (s != null && a.resetBetweenTests()) s.reset();
        }
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field f : annotated(instance.getClass(), false)) inject(context, f, instance);
        }
    }

    private void inject(ExtensionContext context, Field f, Object instance) {
        if (!MailTestServer.class.equals(f.getType())) {
            throw new ExtensionConfigurationException("@TestMailServer field " + f.getName() + " must be of type MailTestServer");
        }
        if (instance == null && get(f, null) != null) return; // static: already set for an enclosing run
        TestMailServer a = f.getAnnotation(TestMailServer.class);
        MailTestServer s = newServer(b -> configure(b, a));
        context.getStore(ExtensionContext.Namespace.create(MailTestServerExtension.class, f))
                .put(KEY, new Holder(s, instance == null ? f : null));
        try {
            f.setAccessible(true);
            f.set(instance, s);
        } catch (IllegalAccessException e) {
            s.close();
            throw new ExtensionConfigurationException("cannot set " + f, e);
        }
        last = s;
    }

    private static void configure(MailTestServer.Builder b, TestMailServer a) {
        for (String u : a.users()) {
            int colon = u.indexOf(':');
            if (colon <= 0) throw new ExtensionConfigurationException("users must be address:password, not " + u);
            b.user(u.substring(0, colon), u.substring(colon + 1));
        }
        b.autoCreateUsers(a.autoCreateUsers());
        if (a.services().length > 0) b.services(a.services());
    }

    private static Object get(Field f, Object instance) {
        try {
            f.setAccessible(true);
            return f.get(instance);
        } catch (IllegalAccessException e) {
            throw new ExtensionConfigurationException("cannot read " + f, e);
        }
    }

    private static List<Field> annotated(Class<?> type, boolean statics) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(TestMailServer.class) && Modifier.isStatic(f.getModifiers()) == statics) out.add(f);
            }
        }
        return out;
    }

    private void start(ExtensionContext context, Consumer<MailTestServer.Builder> cfg) {
        MailTestServer s = newServer(cfg);
        context.getStore(namespace).put(KEY, new Holder(s, null));
        last = s;
    }

    private static MailTestServer newServer(Consumer<MailTestServer.Builder> cfg) {
        MailTestServer.Builder b = MailTestServer.builder();
        cfg.accept(b);
        return b.start();
    }

    private MailTestServer find(ExtensionContext context) {
        Holder h = context.getStore(namespace).get(KEY, Holder.class);
        return h == null ? null : h.server;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MailTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MailTestServer s = find(context);
        if (s == null) {
            if (lifecycle == Lifecycle.PER_CLASS || context.getTestMethod().isEmpty()) {
                throw new ParameterResolutionException("no MailTestServer for " + context.getDisplayName());
            }
            start(context, config);
            s = find(context);
        }
        return s;
    }

    /** Closes the server when its extension-store scope ends (after the test or the class). */
    private static final class Holder implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final MailTestServer server;
        private final Field staticField;

        Holder(MailTestServer server, Field staticField) {
            this.server = server;
            this.staticField = staticField;
        }

        @Override
        public void close() {
            server.close();
            if (staticField != null) {
                try {
                    staticField.set(null, null);
                } catch (IllegalAccessException e) {
                    // left as is
                }
            }
        }
    }
}
