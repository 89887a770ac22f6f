package dev.letterbox.examples.server;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.event.TrackedStore;
import dev.letterbox.core.net.MailServer;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.core.net.tls.TlsConfig;
import dev.letterbox.core.store.memory.InMemoryMailStore;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone server: every protocol in this build over an in-memory store, on 127.0.0.1 by
 * default. Prints one {@code READY name=HOST:PORT ...} line once every listener accepts, and shuts down
 * gracefully on SIGTERM and SIGINT.
 */
@Command(name = "letterbox-server", mixinStandardHelpOptions = true, version = "Letterbox 0.1.0-SNAPSHOT",
        sortOptions = false, usageHelpWidth = 100,
        description = "Serves IMAP, POP3 and SMTP submission over an in-memory store.")
public final class LetterboxServer {
    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind = "127.0.0.1";

    @Option(names = "--imap", paramLabel = "PORT", description = "IMAP, STARTTLS offered (default 1143; 0 = ephemeral; off)")
    String imap;

    @Option(names = "--imaps", paramLabel = "PORT", description = "IMAP over implicit TLS (default 1993)")
    String imaps;

    @Option(names = "--pop3", paramLabel = "PORT", description = "POP3, STLS offered (default 1110)")
    String pop3;

    @Option(names = "--pop3s", paramLabel = "PORT", description = "POP3 over implicit TLS (default 1995)")
    String pop3s;

    @Option(names = "--submission", paramLabel = "PORT", description = "SMTP submission, STARTTLS (default 1587)")
    String submission;

    @Option(names = "--submissions", paramLabel = "PORT", description = "SMTP submission, implicit TLS (default 1465)")
    String submissions;

    @Option(names = "--user", paramLabel = "ADDRESS:PASSWORD",
            description = "a user (repeatable); without --user/--users-file, demo users are created and printed")
    List<String> users = new ArrayList<>();

    @Option(names = "--users-file", paramLabel = "FILE",
            description = "one ADDRESS:PASSWORD per line; {PLAIN}, {PBKDF2-SHA256}... passwords taken as given, plain text hashed")
    Path usersFile;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain (with --tls-key)")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key, PKCS#8 or PKCS#1 RSA (with --tls-cert)")
    Path tlsKey;

    @Option(names = "--allow-plaintext-auth", description = "allow plaintext credentials without TLS from any address")
    boolean allowPlaintextAuth;

    LetterboxServer() {
    }

    public static void main(String[] args) {
        // registered before anything starts, so a SIGTERM right after READY still shuts down gracefully
        AtomicReference<Running> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Running r = running.get();
            if (r == null) return;
            System.out.println("stopping");
            r.close();
            System.out.println("stopped");
            System.out.flush();
            stopped.countDown();
        }, "letterbox-shutdown"));
        try {
            start(args, System.out, System.err, running::set);
        } catch (UsageException e) {
            System.exit(e.exitCode);
            return;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            System.err.println("letterbox-server: " + e.getMessage());
            System.exit(1);
            return;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Parses the command line, starts every configured listener and prints the READY line to {@code out}.
     *
     * @throws UsageException after printing help, the version or a usage error
     */
    public static Running start(String[] args, PrintStream out, PrintStream err)
            throws IOException, GeneralSecurityException {
        return start(args, out, err, r -> { });
    }

    /** As {@link #start(String[], PrintStream, PrintStream)}; {@code started} sees the server before READY is printed. */
    public static Running start(String[] args, PrintStream out, PrintStream err, Consumer<Running> started)
            throws IOException, GeneralSecurityException {
        LetterboxServer options = new LetterboxServer();
        CommandLine cl = new CommandLine(options).setOverwrittenOptionsAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            cl.usage(err);
            throw new UsageException(2);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            throw new UsageException(0);
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            throw new UsageException(0);
        }
        try {
            return options.run(out, err, started);
        } catch (IllegalArgumentException e) {
            err.println("letterbox-server: " + e.getMessage());
            throw new UsageException(2);
        }
    }

    private Running run(PrintStream out, PrintStream err, Consumer<Running> started) throws IOException, GeneralSecurityException {
        InetAddress address = InetAddress.getByName(bind);
        Map<String, Integer> ports = ports();
        UserRegistry registry = users(out);
        InMemoryMailStore store = InMemoryMailStore.builder().autoCreateUsers(false)
                .user(registry.users().toArray(new String[0])).build();
        DefaultAuthService auth = DefaultAuthService.builder().authenticator(registry)
                .allowPlaintext(allowPlaintextAuth).build();
        Backend backend = new Backend(TrackedStore.of(store), auth, registry, tls(out));

        MailServer.Builder builder = MailServer.builder().tls(backend.tls());
        Map<String, Optional<ProtocolSessionFactory>> factories = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Protocols.Listener l : Protocols.LISTENERS) {
            int port = ports.get(l.name());
            if (port < 0) continue;
            Optional<ProtocolSessionFactory> f = factories.computeIfAbsent(l.protocol(), p -> l.factory().apply(backend));
            if (f.isEmpty()) {
                err.println("note: " + l.name() + " is not available: the " + l.protocol() + " module is not in this build yet");
                continue;
            }
            InetSocketAddress at = new InetSocketAddress(address, port);
            builder.endpoint(l.implicitTls() ? dev.letterbox.core.net.Endpoint.implicitTls(l.name(), at, f.get())
                    : dev.letterbox.core.net.Endpoint.plain(l.name(), at, f.get()));
            names.add(l.name());
        }
        Optional<MailServer> server = names.isEmpty() ? Optional.empty() : Optional.of(builder.start());
        StringBuilder ready = new StringBuilder("READY");
        Map<String, InetSocketAddress> bound = new LinkedHashMap<>();
        for (String name : names) {
            InetSocketAddress a = server.orElseThrow().address(name);
            bound.put(name, a);
            ready.append(' ').append(name).append('=').append(hostPort(a));
        }
        if (names.isEmpty()) err.println("note: no listener is on");
        Running running = new Running(server, bound, backend);
        started.accept(running);
        out.println(ready);
        out.flush();
        return running;
    }

    private Map<String, Integer> ports() {
        Map<String, String> given = new HashMap<>();
        given.put("imap", imap);
        given.put("imaps", imaps);
        given.put("pop3", pop3);
        given.put("pop3s", pop3s);
        given.put("submission", submission);
        given.put("submissions", submissions);
        Map<String, Integer> ports = new HashMap<>();
        for (Protocols.Listener l : Protocols.LISTENERS) {
            String v = given.get(l.name());
            ports.put(l.name(), v == null ? l.defaultPort() : port(l.name(), v));
        }
        return ports;
    }

    /** A port number, or -1 for {@code off}. */
    static int port(String option, String value) {
        if (value.equalsIgnoreCase("off")) return -1;
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) return p;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("--" + option + " takes a port (0-65535, 0 = ephemeral) or off, not " + value);
    }

    private UserRegistry users(PrintStream out) throws IOException {
        UserRegistry registry = UserRegistry.create();
        if (usersFile != null) registry.addFrom(usersFile);
        for (String u : users) {
            int colon = u.indexOf(':');
            if (colon <= 0 || colon == u.length() - 1) {
                throw new IllegalArgumentException("--user takes ADDRESS:PASSWORD");
            }
            registry.addUser(u.substring(0, colon), u.substring(colon + 1));
        }
        if (usersFile == null && users.isEmpty()) {
            SecureRandom random = new SecureRandom();
            for (String demo : List.of("alice@localhost", "bob@localhost")) {
                byte[] b = new byte[9];
                random.nextBytes(b);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                registry.setPassword(demo, password.toCharArray());
                out.println("demo user " + demo + " password " + password);
            }
        }
        return registry;
    }

    private TlsConfig tls(PrintStream out) throws IOException, GeneralSecurityException {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null) return TlsConfig.fromPem(tlsCert, tlsKey);
        SelfSignedCertificate cert = SelfSignedCertificate.generate();
        out.println("TLS: fresh self-signed certificate for localhost, 127.0.0.1, ::1; SHA-256 fingerprint "
                + cert.sha256Fingerprint());
        return cert.tlsConfig();
    }

    private static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** A started server. {@link #close()} shuts it down gracefully. */
    public static final class Running implements AutoCloseable {
        private final Optional<MailServer> server;
        private final Map<String, InetSocketAddress> listeners;
        private final Backend backend;

        Running(Optional<MailServer> server, Map<String, InetSocketAddress> listeners, Backend backend) {
            this.server = server;
            this.listeners = Map.copyOf(listeners);
            this.backend = backend;
        }

        /** Listener name → bound address, for the listeners that started. */
        public Map<String, InetSocketAddress> listeners() {
            return listeners;
        }

        Backend backend() {
            return backend;
        }

        @Override
        public void close() {
            server.ifPresent(MailServer::close);
        }
    }

    /** Help, version or a usage error was printed; the process should exit with {@link #exitCode}. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        UsageException(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }
}
