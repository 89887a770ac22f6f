package dev.letterbox.examples.server;

import dev.letterbox.core.auth.DefaultAuthService;
import dev.letterbox.core.auth.UserRegistry;
import dev.letterbox.core.discovery.ClientSettings;
import dev.letterbox.core.discovery.ServiceEndpoint;
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
        description = "Serves IMAP, POP3 and SMTP submission over an in-memory store, "
                + "and optionally client-settings discovery over HTTP.")
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

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "50000",
            description = "connections at once over all listeners (default: ${DEFAULT-VALUE}; the descriptor limit "
                    + "usually binds first, and then new clients get the protocol's busy reply)")
    int maxConnections;

    @Option(names = "--max-connections-per-ip", paramLabel = "N", defaultValue = "100",
            description = "connections at once from one client address (default: ${DEFAULT-VALUE})")
    int maxConnectionsPerIp;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "the server's public host name: SMTP/POP3 greetings, published client settings (default: ${DEFAULT-VALUE})")
    String hostname = "localhost";

    @Option(names = "--internal-hostname", paramLabel = "NAME",
            description = "host name published to clients on loopback/private/link-local addresses (default: --hostname)")
    String internalHostname;

    @Option(names = "--mail-domain", paramLabel = "DOMAIN",
            description = "a mail domain (repeatable): local for delivery, published by autoconfig (default: the users' domains)")
    List<String> mailDomains = new ArrayList<>();

    @Option(names = "--save-sent", description = "file a copy of each submitted message in the sender's Sent mailbox (off by default)")
    boolean saveSent;

    @Option(names = "--relay", paramLabel = "HOST:PORT", description = "smarthost for recipients outside the mail domains (default: refuse them)")
    String relay;

    @Option(names = "--relay-user", paramLabel = "USER", description = "user name for AUTH at the smarthost (with --relay-password-file)")
    String relayUser;

    @Option(names = "--relay-password-file", paramLabel = "FILE", description = "file whose first line is the smarthost password")
    Path relayPasswordFile;

    @Option(names = "--relay-tls", paramLabel = "MODE", description = "starttls (required), implicit or none (default: ${DEFAULT-VALUE})")
    String relayTls = "starttls";

    @Option(names = "--relay-trust", paramLabel = "FILE", description = "PEM certificate(s) to trust for the smarthost (default: the JVM's trust store)")
    Path relayTrust;

    @Option(names = "--autoconfig-port", paramLabel = "PORT",
            description = "serve client-settings discovery over HTTP on --bind (0 = ephemeral; default off)")
    String autoconfigPort;

    LetterboxServer() {
    }

    public static void main(String[] args) {
        // The JDK HTTP server (client-settings discovery) has no request or response time limit by default,
        // so a client trickling bytes would hold a worker forever. These are JVM-wide, hence set here only.
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) System.setProperty("sun.net.httpserver.maxReqTime", "30");
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) System.setProperty("sun.net.httpserver.maxRspTime", "30");
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
        List<String> domains = mailDomains(registry);
        int httpPort = autoconfigPort == null ? -1 : port("autoconfig-port", autoconfigPort);
        if (httpPort >= 0) discovery(domains).build(); // validates names before anything starts
        Optional<dev.letterbox.smtp.SubmissionHandler> smarthost = Optional.empty();
        if (relay != null) {
            smarthost = Optional.of(RelayConfig.relay(relay, relayTls, Optional.ofNullable(relayUser),
                    Optional.ofNullable(relayPasswordFile), Optional.ofNullable(relayTrust), hostname));
        } else if (relayUser != null || relayPasswordFile != null || relayTrust != null) {
            throw new IllegalArgumentException("--relay-user, --relay-password-file and --relay-trust need --relay");
        }
        InMemoryMailStore store = InMemoryMailStore.builder().autoCreateUsers(false)
                .user(registry.users().toArray(new String[0])).build();
        DefaultAuthService auth = DefaultAuthService.builder().authenticator(registry)
                .allowPlaintext(allowPlaintextAuth).build();
        Backend backend = new Backend(TrackedStore.of(store), auth, registry, tls(out),
                new Backend.Submission(hostname, localDomains(domains, registry), saveSent, smarthost));

        if (maxConnections < 1 || maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("--max-connections and --max-connections-per-ip must be at least 1");
        }
        MailServer.Builder builder = MailServer.builder().tls(backend.tls())
                .maxConnections(maxConnections).maxConnectionsPerAddress(maxConnectionsPerIp);
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
        Optional<AutoconfigHttp> http = Optional.empty();
        if (httpPort >= 0) {
            try {
                http = Optional.of(AutoconfigHttp.start(new InetSocketAddress(address, httpPort), clientSettings(domains, bound)));
            } catch (IOException | RuntimeException e) {
                server.ifPresent(MailServer::close);
                if (e instanceof java.net.BindException) {
                    throw new java.net.BindException("autoconfig " + hostPort(new InetSocketAddress(address, httpPort))
                            + ": " + e.getMessage());
                }
                throw e;
            }
            ready.append(" autoconfig=").append(hostPort(http.get().address()));
        }
        Running running = new Running(server, bound, backend, http);
        started.accept(running);
        out.println(ready);
        out.flush();
        return running;
    }

    /** The published mail domains: {@code --mail-domain}s, or the domains of the users (in order, each once). */
    private List<String> mailDomains(UserRegistry registry) {
        List<String> given = mailDomains.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        return given.isEmpty() ? userDomains(registry) : given;
    }

    private static List<String> userDomains(UserRegistry registry) {
        return registry.users().stream().filter(u -> u.indexOf('@') > 0)
                .map(u -> u.substring(u.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }

    /** Local for delivery: the published domains and the users' domains. */
    private static List<String> localDomains(List<String> published, UserRegistry registry) {
        List<String> all = new ArrayList<>(published);
        userDomains(registry).stream().filter(d -> !all.contains(d)).forEach(all::add);
        return all;
    }

    private ClientSettings.Builder discovery(List<String> domains) {
        if (domains.isEmpty()) throw new IllegalArgumentException("--autoconfig-port needs --mail-domain (no user has a domain)");
        ClientSettings.Builder b = ClientSettings.builder().externalHost(hostname);
        domains.forEach(b::domain);
        if (internalHostname != null) b.internalHost(internalHostname);
        return b;
    }

    /** What the discovery endpoints publish: every started listener with its real port (all of them use TLS). */
    private ClientSettings clientSettings(List<String> domains, Map<String, InetSocketAddress> bound) {
        ClientSettings.Builder b = discovery(domains);
        for (Protocols.Listener l : Protocols.LISTENERS) {
            InetSocketAddress a = bound.get(l.name());
            if (a == null) continue;
            ServiceEndpoint.Service service = switch (l.protocol()) {
                case "imap" -> ServiceEndpoint.Service.IMAP;
                case "pop3" -> ServiceEndpoint.Service.POP3;
                default -> ServiceEndpoint.Service.SUBMISSION;
            };
            b.endpoint(service, l.implicitTls() ? ServiceEndpoint.Security.IMPLICIT_TLS : ServiceEndpoint.Security.STARTTLS,
                    a.getPort());
        }
        return b.build();
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
        private final Optional<AutoconfigHttp> autoconfig;

        Running(Optional<MailServer> server, Map<String, InetSocketAddress> listeners, Backend backend,
                Optional<AutoconfigHttp> autoconfig) {
            this.server = server;
            this.listeners = Map.copyOf(listeners);
            this.backend = backend;
            this.autoconfig = autoconfig;
        }

        /** The client-settings discovery HTTP server's address, if {@code --autoconfig-port} is on. */
        public Optional<InetSocketAddress> autoconfig() {
            return autoconfig.map(AutoconfigHttp::address);
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
            autoconfig.ifPresent(AutoconfigHttp::close);
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
