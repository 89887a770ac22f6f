package dev.letterbox.testkit;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.event.InMemoryChangeHub;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.core.net.tls.TlsConfig;
import dev.letterbox.core.store.Flag;
import dev.letterbox.core.store.MailStore;
import dev.letterbox.core.store.Mailbox;
import dev.letterbox.core.store.MailboxInfo;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.imap4.ImapProtocol;
import dev.letterbox.pop3.Pop3Protocol;
import dev.letterbox.smtp.SenderPolicy;
import dev.letterbox.smtp.SubmissionHandler;
import dev.letterbox.smtp.SubmissionProtocol;
import dev.letterbox.smtp.SubmissionSession;
import dev.letterbox.smtp.delivery.LocalDelivery;
import dev.letterbox.testkit.fault.Fault;
import dev.letterbox.testkit.internal.Env;
import dev.letterbox.testkit.internal.FailableTls;
import dev.letterbox.testkit.internal.FaultPlan;
import dev.letterbox.testkit.internal.FaultingFactory;
import dev.letterbox.testkit.internal.Pauser;
import dev.letterbox.testkit.internal.Recorder;
import dev.letterbox.testkit.internal.RecordingSubmissionHandler;
import dev.letterbox.testkit.internal.ServerTls;
import dev.letterbox.testkit.internal.SwitchableStore;
import dev.letterbox.testkit.internal.TestAuthenticator;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real Letterbox mail server for tests: IMAP, IMAPS, POP3, POP3S, submission and submissions on
 * 127.0.0.1 with ephemeral ports, an in-memory store, test users, seeding, inspection of everything
 * that happened (commands, transcripts, submissions), bounded waits, and scripted faults.
 *
 * <pre>{@code
 * try (MailTestServer server = MailTestServer.builder().user("alice@example.com", "secret").start()) {
 *     // point the code under test at server.port(Service.SUBMISSION) / server.properties(Service.IMAP)
 *     Submission s = server.awaitSubmission(x -> x.recipients().contains("bob@example.com"), Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Nothing is static: any number of servers run side by side (parallel tests, nested
 * classes). {@link #close()} is idempotent, and {@link #start()} after {@link #close()} listens again on
 * the same ports with the same users and messages.
 */
public final class MailTestServer implements AutoCloseable {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    private final Set<Service> services;
    private final InetAddress host;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final SelfSignedCertificate certificate;
    private final boolean autoCreateUsers;
    private final SwitchableStore store;
    private final TrackedStore tracked;
    private final TestAuthenticator users;
    private final Recorder recorder;
    private final FaultPlan faults = new FaultPlan();
    private final Pauser pauser = new Pauser();
    private final FailableTls tls;
    private final TlsConfig tlsConfig;
    private final Map<Service, ProtocolSessionFactory> factories = new EnumMap<>(Service.class);
    private final Map<String, String> initialUsers;
    private final java.util.concurrent.locks.ReentrantLock lifecycle = new java.util.concurrent.locks.ReentrantLock();
    private MailServer server;

    private MailTestServer(Builder b) {
        this.services = EnumSet.copyOf(b.services);
        this.host = b.host;
        this.ports.putAll(b.ports);
        this.certificate = b.certificate != null ? b.certificate
                : b.freshCertificate ? SelfSignedCertificate.generate() : ServerTls.sharedCertificate();
        this.autoCreateUsers = b.autoCreateUsers;
        this.initialUsers = Map.copyOf(b.users);
        this.store = new SwitchableStore(b.storeFactory != null ? b.storeFactory
                : () -> InMemoryMailStore.builder().autoCreateUsers(b.autoCreateUsers).build());
        InMemoryChangeHub hub = new InMemoryChangeHub();
        this.tracked = new TrackedStore(store, hub);
        this.tls = new FailableTls(ServerTls.context(certificate));
        this.tlsConfig = TlsConfig.fromSslContext(tls.context());
        this.recorder = new Recorder(faults, tls);
        hub.subscribeAll(change -> recorder.poke());
        this.users = new TestAuthenticator(autoCreateUsers, this::createMailboxes);
        Env env = Env.create(recorder, faults, pauser, tls);
        DefaultAuthService.Builder auth = DefaultAuthService.builder().authenticator(users)
                .failedLoginDelay(Duration.ZERO).allowPlaintext(true).apop(true)
                .deniedUsers("imap", List.of()).deniedUsers("pop3", List.of());
        DefaultAuthService authService = auth.build();
        ImapProtocol.Builder imap = ImapProtocol.builder(tracked, authService).idleHeartbeat(Duration.ZERO);
        b.imap.accept(imap);
        Pop3Protocol.Builder pop3 = Pop3Protocol.builder(tracked, authService);
        b.pop3.accept(pop3);
        SubmissionHandler handler = new RecordingSubmissionHandler(
                b.submissionHandler != null ? b.submissionHandler : defaultHandler(), env);
        SubmissionProtocol.Builder smtp = SubmissionProtocol.builder(authService, handler)
                .requireAuth(b.requireSmtpAuth).senderPolicy(SenderPolicy.any());
        b.smtp.accept(smtp);
        ProtocolSessionFactory imapF = new FaultingFactory(imap.build(), Protocol.IMAP, env);
        ProtocolSessionFactory pop3F = new FaultingFactory(pop3.build(), Protocol.POP3, env);
        ProtocolSessionFactory smtpF = new FaultingFactory(smtp.build(), Protocol.SMTP, env);
        for (Service s : services) {
            factories.put(s, switch (s.protocol()) {
                case IMAP -> imapF;
                case POP3 -> pop3F;
                case SMTP -> smtpF;
            });
        }
        b.users.forEach(this::user);
    }

    /** Local delivery to known (or, with auto-create, any) recipients; other recipients are accepted and only recorded. */
    private SubmissionHandler defaultHandler() {
        SubmissionHandler acceptOnly = ctx -> new SubmissionSession() {
            @Override
            public void data(MessageSource message) {
                // not local: recorded by the wrapper, delivered nowhere
            }
        };
        return LocalDelivery.builder(tracked)
                .userResolver(a -> autoCreateUsers || users.contains(a) || store.current().hasUser(a) && knownToStore(a)
                        ? Optional.of(a) : Optional.empty())
                .relay(acceptOnly)
                .build();
    }

    private boolean knownToStore(String user) {
        MailStore s = store.current();
        return !(s instanceof InMemoryMailStore m) || m.users().contains(user);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server with every service and default settings, started. */
    public static MailTestServer startDefault() {
        return builder().start();
    }

    // ---- lifecycle ----

    /**
     * Starts listening on every service. After {@link #close()}, starts again on the same ports.
     *
     * @throws UncheckedIOException if a port cannot be bound
     */
    public MailTestServer start() {
        lifecycle.lock();
        try {
            if (server != null) throw new IllegalStateException("already started");
            pauser.arm();
            MailServer.Builder mb = MailServer.builder().tls(tlsConfig).listener(recorder)
                    .shutdownGrace(Duration.ZERO).maxConnectionsPerAddress(1000);
            for (Service s : services) {
                InetSocketAddress bind = new InetSocketAddress(host, ports.getOrDefault(s, 0));
                if (s.implicitTls()) {
                    mb.implicitTls(s.endpointName(), bind, factories.get(s));
                } else {
                    mb.plain(s.endpointName(), bind, factories.get(s));
                }
            }
            MailServer ms = mb.build();
            try {
                ms.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Service s : services) ports.put(s, ms.port(s.endpointName()));
            server = ms;
            return this;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Whether the server is listening. */
    public boolean isRunning() {
        lifecycle.lock();
        try {
            return server != null;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Stops listening and closes every connection (stalled and delayed ones included). Idempotent. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            if (server == null) return;
            pauser.releaseAll();
            server.close();
            server = null;
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Back to the state after {@link Builder#build()}: no messages, only the builder's users, no faults,
     * nothing recorded. Open connections are closed (the server keeps its ports).
     */
    public MailTestServer reset() {
        lifecycle.lock();
        try {
            boolean running = server != null;
            close();
            faults.clear();
            users.clear();
            store.replace();
            recorder.clear();
            initialUsers.forEach(this::user);
            if (running) start();
            return this;
        } finally {
            lifecycle.unlock();
        }
    }

    /** Deletes every message of every user (through the library, so IMAP sessions see the expunges); keeps users and folders. */
    public MailTestServer purge() {
        for (String user : userNames()) {
            try (UserMailboxes u = tracked.open(user, Origin.HOST)) {
                for (MailboxInfo info : u.list()) {
                    if (!info.selectable()) continue;
                    Mailbox m = u.open(info.path());
                    UidSet all = m.allUids();
                    if (!all.isEmpty()) m.delete(all);
                }
            }
        }
        return this;
    }

    // ---- addresses and client settings ----

    /** The address the server listens on ({@code 127.0.0.1} by default). */
    public String host() {
        return host.getHostAddress();
    }

    /**
     * The port of a service: the ephemeral port picked at the first start, kept across restarts.
     *
     * @throws IllegalStateException if the server has not been started yet, or the service is not enabled
     */
    public int port(Service service) {
        lifecycle.lock();
        try {
            if (!services.contains(service)) throw new IllegalStateException(service + " is not enabled");
            Integer p = ports.get(service);
            if (p == null || p == 0) throw new IllegalStateException("not started yet");
            return p;
        } finally {
            lifecycle.unlock();
        }
    }

    public Set<Service> services() {
        return Set.copyOf(services);
    }

    /**
     * The server's certificate (SANs localhost, 127.0.0.1, ::1): generated once per test run (JVM) and
     * shared by servers, or per server with {@link Builder#freshCertificate()}.
     */
    public SelfSignedCertificate certificate() {
        return certificate;
    }

    /** A client {@link SSLContext} that trusts this server's certificate only. */
    public SSLContext clientSslContext() {
        return certificate.clientSslContext();
    }

    /** A trust store holding this server's certificate only. */
    public KeyStore trustStore() {
        return certificate.trustStore();
    }

    /**
     * Jakarta Mail (Angus Mail) session properties for a service: host, port, timeouts and this server's
     * trust material with the server-identity check on. Plain services require STARTTLS, as production
     * clients should; use {@link #plainTextProperties} for no TLS at all. Pass them to
     * {@code Session.getInstance(props)} and connect with the protocol {@link #mailProtocol(Service)}.
     */
    public Properties properties(Service service) {
        return properties(service, true);
    }

    /** Properties for a plain service without STARTTLS (credentials in clear over loopback). */
    public Properties plainTextProperties(Service service) {
        if (service.implicitTls()) throw new IllegalArgumentException(service + " is always encrypted");
        return properties(service, false);
    }

    private Properties properties(Service service, boolean tlsOn) {
        String p = mailProtocol(service);
        String prefix = "mail." + p + ".";
        Properties props = new Properties();
        props.put(service.protocol() == Protocol.SMTP ? "mail.transport.protocol" : "mail.store.protocol", p);
        props.put(prefix + "host", host());
        props.put(prefix + "port", String.valueOf(port(service)));
        props.put(prefix + "connectiontimeout", String.valueOf(CLIENT_TIMEOUT.toMillis()));
        props.put(prefix + "timeout", String.valueOf(CLIENT_TIMEOUT.toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(CLIENT_TIMEOUT.toMillis()));
        if (service.protocol() == Protocol.SMTP) props.put(prefix + "auth", "false");
        if (service.implicitTls()) {
            props.put(prefix + "ssl.enable", "true");
        } else {
            props.put(prefix + "starttls.enable", String.valueOf(tlsOn));
            props.put(prefix + "starttls.required", String.valueOf(tlsOn));
        }
        if (service.implicitTls() || tlsOn) {
            props.put(prefix + "ssl.socketFactory", certificate.clientSocketFactory());
            props.put(prefix + "ssl.checkserveridentity", "true");
        }
        return props;
    }

    /** Shortcuts for {@link #properties(Service)}. */
    public Properties imapProperties() {
        return properties(Service.IMAP);
    }

    public Properties imapsProperties() {
        return properties(Service.IMAPS);
    }

    public Properties pop3Properties() {
        return properties(Service.POP3);
    }

    public Properties pop3sProperties() {
        return properties(Service.POP3S);
    }

    /** Submission (port 587 style) with STARTTLS. */
    public Properties smtpProperties() {
        return properties(Service.SUBMISSION);
    }

    /** Submission over implicit TLS (port 465 style). */
    public Properties smtpsProperties() {
        return properties(Service.SUBMISSIONS);
    }

    /** The Jakarta Mail protocol name: {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}, {@code smtp}, {@code smtps}. */
    public static String mailProtocol(Service service) {
        return switch (service) {
            case IMAP -> "imap";
            case IMAPS -> "imaps";
            case POP3 -> "pop3";
            case POP3S -> "pop3s";
            case SUBMISSION -> "smtp";
            case SUBMISSIONS -> "smtps";
        };
    }

    // ---- users ----

    /** Adds a user (or changes its password), with INBOX and the default folders. */
    public MailTestServer user(String address, String password) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(password, "password");
        users.put(address, password);
        createMailboxes(address);
        return this;
    }

    private void createMailboxes(String address) {
        if (store.current() instanceof InMemoryMailStore m) m.addUser(address);
    }

    /** The users with mailboxes. */
    public Set<String> userNames() {
        if (store.current() instanceof InMemoryMailStore m) return m.users();
        return Set.of();
    }

    // ---- seeding ----

    /**
     * Delivers raw RFC 5322 bytes (line endings normalised to CRLF) through the library's delivery path:
     * IDLE sessions see it. A missing folder is created; so are the mailboxes of a user not added yet
     * (give it a password with {@link #user} to let it log in).
     */
    public StoredMessage deliver(String user, String folder, byte[] message, Flag... flags) {
        byte[] raw = Messages.crlf(message);
        createMailboxes(user);
        MailboxPath path = path(folder);
        Set<Flag> fl = Set.of(flags);
        Instant now = Instant.now();
        MessageMeta meta;
        try {
            meta = tracked.deliver(user, path, MessageSource.ofBytes(raw), fl, now);
        } catch (StoreException.NoSuchMailbox e) {
            ensureFolder(user, path);
            meta = tracked.deliver(user, path, MessageSource.ofBytes(raw), fl, now);
        }
        return new StoredMessage(user, name(path), meta.uid(), meta.flags(), meta.internalDate(), raw);
    }

    /** Delivers into INBOX. */
    public StoredMessage deliver(String user, byte[] message, Flag... flags) {
        return deliver(user, "INBOX", message, flags);
    }

    public StoredMessage deliver(String user, String folder, MimeMessage message, Flag... flags) {
        return deliver(user, folder, Messages.toBytes(message), flags);
    }

    public StoredMessage deliver(String user, MimeMessage message, Flag... flags) {
        return deliver(user, "INBOX", message, flags);
    }

    /** Delivers an {@code .eml} file. */
    public StoredMessage deliver(String user, String folder, Path eml, Flag... flags) {
        try {
            return deliver(user, folder, Files.readAllBytes(eml), flags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a directory tree of {@code .eml} files: files directly in {@code root} go to INBOX, files in
     * {@code root/Archive/2024} to the folder {@code Archive/2024} (created if missing). Files are
     * delivered in name order. Returns what was delivered.
     */
    public List<StoredMessage> load(String user, Path root) {
        List<StoredMessage> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".eml") && Files.isRegularFile(p))
                    .sorted().toList()) {
                Path rel = root.relativize(f.getParent() == null ? root : f.getParent());
                String folder = rel.toString().isEmpty() ? "INBOX" : rel.toString().replace(f.getFileSystem().getSeparator(), "/");
                out.add(deliver(user, folder, f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void ensureFolder(String user, MailboxPath path) {
        try (UserMailboxes u = tracked.open(user, Origin.HOST)) {
            u.create(path, Optional.empty());
        } catch (StoreException.MailboxExists raced) {
            // created meanwhile
        }
    }

    private static MailboxPath path(String folder) {
        return folder.equalsIgnoreCase("INBOX") ? MailboxPath.INBOX : MailboxPath.parse(folder, '/');
    }

    private static String name(MailboxPath p) {
        return p.join('/');
    }

    // ---- inspection ----

    /** The messages in a user's folder, in UID order. An unknown user or folder has none. */
    public List<StoredMessage> messages(String user, String folder) {
        if (!userNames().contains(user) && store.current() instanceof InMemoryMailStore) return List.of();
        try (UserMailboxes u = tracked.open(user, Origin.HOST)) {
            return read(u, u.open(path(folder)));
        } catch (StoreException.NoSuchMailbox e) {
            return List.of();
        }
    }

    /** The messages in a user's INBOX. */
    public List<StoredMessage> messages(String user) {
        return messages(user, "INBOX");
    }

    /** The messages of every user in every folder. */
    public List<StoredMessage> allMessages() {
        List<StoredMessage> out = new ArrayList<>();
        for (String user : userNames().stream().sorted().toList()) {
            try (UserMailboxes u = tracked.open(user, Origin.HOST)) {
                for (MailboxInfo info : u.list()) {
                    if (info.selectable()) out.addAll(read(u, u.open(info.path())));
                }
            } catch (StoreException.NoSuchMailbox e) {
                // removed meanwhile
            }
        }
        return out;
    }

    private static List<StoredMessage> read(UserMailboxes u, Mailbox m) {
        List<StoredMessage> out = new ArrayList<>();
        for (MessageMeta meta : m.metaAfter(0)) {
            byte[] raw;
            try (InputStream in = m.content(meta.uid()).open()) {
                raw = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (StoreException.NoSuchMessage gone) {
                continue;
            }
            out.add(new StoredMessage(u.user(), name(m.path()), meta.uid(), meta.flags(), meta.internalDate(), raw));
        }
        return out;
    }

    /** Waits until the server holds at least {@code n} messages over all users and folders; returns them all. */
    public List<StoredMessage> awaitMessages(int n, Duration timeout) {
        long[] have = new long[1];
        recorder.await(() -> (have[0] = count(null, null)) >= n, timeout,
                () -> n + " message(s) in the store (have " + have[0] + ")");
        return allMessages();
    }

    /** Messages of a user's folder, of all a user's folders ({@code folder} null) or of everyone ({@code user} null), without reading them. */
    private long count(String user, String folder) {
        long total = 0;
        for (String u : user == null ? userNames() : Set.of(user)) {
            try (UserMailboxes mb = tracked.open(u, Origin.HOST)) {
                for (MailboxInfo info : mb.list()) {
                    if (info.selectable() && (folder == null || info.path().equals(path(folder)))) {
                        total += mb.open(info.path()).status().messages();
                    }
                }
            } catch (StoreException.NoSuchMailbox e) {
                // not there (yet)
            }
        }
        return total;
    }

    /** Waits until a user's INBOX holds at least {@code n} messages; returns them. */
    public List<StoredMessage> awaitMessages(String user, int n, Duration timeout) {
        return awaitMessages(user, "INBOX", n, timeout);
    }

    /** Waits until a user's folder holds at least {@code n} messages; returns them. */
    public List<StoredMessage> awaitMessages(String user, String folder, int n, Duration timeout) {
        long[] have = new long[1];
        recorder.await(() -> (have[0] = userNames().contains(user) || !(store.current() instanceof InMemoryMailStore)
                ? count(user, folder) : 0) >= n, timeout,
                () -> n + " message(s) in " + user + " " + folder + " (have " + have[0] + ")");
        return messages(user, folder);
    }

    /** Every message the submission services accepted, in order. */
    public List<Submission> submissions() {
        return recorder.submissions();
    }

    /** Waits for an accepted submission matching {@code predicate} and returns the first such. */
    public Submission awaitSubmission(Predicate<Submission> predicate, Duration timeout) {
        Submission[] found = new Submission[1];
        recorder.await(() -> {
            found[0] = recorder.submissions().stream().filter(predicate).findFirst().orElse(null);
            return found[0] != null;
        }, timeout, () -> "a matching submission (have " + recorder.submissions() + ")");
        return found[0];
    }

    /** Waits for at least {@code n} accepted submissions and returns them all. */
    public List<Submission> awaitSubmissions(int n, Duration timeout) {
        recorder.await(() -> recorder.submissions().size() >= n, timeout,
                () -> n + " submission(s) (have " + recorder.submissions().size() + ")");
        return submissions();
    }

    /** Every command received, in order, with credentials redacted. */
    public List<RecordedCommand> commands() {
        return recorder.commands();
    }

    /** The commands of one protocol. */
    public List<RecordedCommand> commands(Protocol protocol) {
        return recorder.commands().stream().filter(c -> c.service().protocol() == protocol).toList();
    }

    /** Waits for a command matching {@code predicate} and returns it. */
    public RecordedCommand awaitCommand(Predicate<RecordedCommand> predicate, Duration timeout) {
        RecordedCommand[] found = new RecordedCommand[1];
        recorder.await(() -> {
            found[0] = recorder.commands().stream().filter(predicate).findFirst().orElse(null);
            return found[0] != null;
        }, timeout, () -> "a matching command");
        return found[0];
    }

    /** Every connection accepted since the start (or the last {@link #reset()}), in accept order. */
    public List<ConnectionRecord> connections() {
        return recorder.connections();
    }

    /** The transcript of one connection. */
    public List<TranscriptLine> transcript(int connection) {
        List<ConnectionRecord> all = recorder.connections();
        if (connection < 0 || connection >= all.size()) throw new IllegalArgumentException("no connection #" + connection);
        return all.get(connection).transcript();
    }

    /** Waits until every connection accepted so far has closed. */
    public void awaitConnectionsClosed(Duration timeout) {
        recorder.await(() -> recorder.connections().stream().noneMatch(ConnectionRecord::open), timeout,
                () -> "all connections to close");
    }

    /** The most recent protocol lines over all connections (as put in failure messages). */
    public String recentTranscript() {
        return recorder.recentTranscript();
    }

    // ---- faults ----

    /** Adds a scripted reply or fault; see {@link Fault}. */
    public InjectedFault inject(Fault fault) {
        return new InjectedFault(fault, faults.add(fault), faults);
    }

    /** Removes every injected fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** A handle on an injected fault: how often it fired. */
    public static final class InjectedFault {
        private final Fault fault;
        private final FaultPlan.Entry entry;
        private final FaultPlan plan;

        private InjectedFault(Fault fault, FaultPlan.Entry entry, FaultPlan plan) {
            this.fault = fault;
            this.entry = entry;
            this.plan = plan;
        }

        public Fault fault() {
            return fault;
        }

        /** How many occurrences it fired on so far. */
        public long fired() {
            return plan.fired(entry);
        }
    }

    // ---- access for advanced use ----

    /** The tracked store (for tests that want the SPI directly; changes made through it are published). */
    public TrackedStore store() {
        return tracked;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MailTestServer[");
        lifecycle.lock();
        try {
            sb.append(server != null ? "running" : "stopped");
            for (Service s : services) {
                Integer p = ports.get(s);
                if (p != null && p > 0) sb.append(' ').append(s.endpointName()).append('=').append(p);
            }
        } finally {
            lifecycle.unlock();
        }
        return sb.append(']').toString();
    }

    /** Configuration; every setting has a default suited to tests. */
    public static final class Builder {
        private final Set<Service> services = EnumSet.allOf(Service.class);
        private InetAddress host = InetAddress.getLoopbackAddress();
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private final Map<String, String> users = new LinkedHashMap<>();
        private boolean autoCreateUsers;
        private boolean requireSmtpAuth;
        private SelfSignedCertificate certificate;
        private boolean freshCertificate;
        private SubmissionHandler submissionHandler;
        private java.util.function.Supplier<MailStore> storeFactory;
        private Consumer<ImapProtocol.Builder> imap = b -> { };
        private Consumer<Pop3Protocol.Builder> pop3 = b -> { };
        private Consumer<SubmissionProtocol.Builder> smtp = b -> { };

        private Builder() {
        }

        /** Only these services (default: all six). */
        public Builder services(Service... enabled) {
            if (enabled.length == 0) throw new IllegalArgumentException("no services");
            services.clear();
            services.addAll(Arrays.asList(enabled));
            return this;
        }

        /** A fixed port for a service (default: an ephemeral port). */
        public Builder port(Service service, int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port");
            ports.put(service, port);
            return this;
        }

        /** The address to listen on (default the loopback address). */
        public Builder host(InetAddress address) {
            this.host = Objects.requireNonNull(address, "address");
            return this;
        }

        /** A user present from the start (and again after {@link #reset()}). */
        public Builder user(String address, String password) {
            users.put(Objects.requireNonNull(address, "address"), Objects.requireNonNull(password, "password"));
            return this;
        }

        /**
         * Create unknown users on first login (with the password given) and on first delivery to them
         * (default false: unknown users cannot log in; mail to them is recorded but delivered nowhere).
         */
        public Builder autoCreateUsers(boolean on) {
            this.autoCreateUsers = on;
            return this;
        }

        /** Require AUTH before MAIL on submission (default false, like most test fakes). */
        public Builder requireSmtpAuth(boolean on) {
            this.requireSmtpAuth = on;
            return this;
        }

        /** Generate a certificate for this server alone (default: one generated per JVM, shared). */
        public Builder freshCertificate() {
            this.freshCertificate = true;
            return this;
        }

        /** Use this certificate instead of a generated one. */
        public Builder certificate(SelfSignedCertificate certificate) {
            this.certificate = Objects.requireNonNull(certificate, "certificate");
            return this;
        }

        /** Handle submissions with the host's handler (still recorded) instead of local delivery. */
        public Builder submissionHandler(SubmissionHandler handler) {
            this.submissionHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Serve a store of the host's own (fresh one per {@link #reset()}); default an in-memory store. */
        public Builder store(java.util.function.Supplier<MailStore> factory) {
            this.storeFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Adjusts IMAP options (the server sets a zero IDLE heartbeat first). */
        public Builder imap(Consumer<ImapProtocol.Builder> options) {
            this.imap = Objects.requireNonNull(options, "options");
            return this;
        }

        public Builder pop3(Consumer<Pop3Protocol.Builder> options) {
            this.pop3 = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Adjusts SMTP submission options (the server sets {@code requireAuth} and an accept-any sender policy first). */
        public Builder smtp(Consumer<SubmissionProtocol.Builder> options) {
            this.smtp = Objects.requireNonNull(options, "options");
            return this;
        }

        public MailTestServer build() {
            return new MailTestServer(this);
        }

        /** {@code build().start()}. */
        public MailTestServer start() {
            return build().start();
        }
    }
}
