package dev.letterbox.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetterboxServerTest {
    private static final String[] EPHEMERAL = {"--imap", "0", "--imaps", "0", "--pop3", "0", "--pop3s", "0",
            "--submission", "0", "--submissions", "0"};

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private static String[] args(String... more) {
        List<String> all = new ArrayList<>(List.of(EPHEMERAL));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void max_connections_refuses_the_next_client_with_the_protocols_busy_reply() throws Exception {
        try (LetterboxServer.Running running = LetterboxServer.start(new String[] {"--imap", "0", "--imaps", "off",
                "--pop3", "off", "--pop3s", "off", "--submission", "off", "--submissions", "off",
                "--max-connections", "1"}, out, err)) {
            InetSocketAddress imap = running.listeners().get("imap");
            try (Socket first = new Socket(imap.getAddress(), imap.getPort());
                 Socket second = new Socket(imap.getAddress(), imap.getPort())) {
                first.setSoTimeout(10_000);
                second.setSoTimeout(10_000);
                var firstIn = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.US_ASCII));
                var secondIn = new BufferedReader(new InputStreamReader(second.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(firstIn.readLine()).startsWith("* OK");
                assertThat(secondIn.readLine()).startsWith("* BYE");
                assertThat(secondIn.readLine()).as("closed after the busy reply").isNull();
            }
        }
        assertThatThrownBy(() -> LetterboxServer.start(args("--max-connections", "0"), out, err))
                .isInstanceOf(LetterboxServer.UsageException.class);
    }

    @Test
    void prints_ready_with_every_started_listener_and_each_accepts() throws Exception {
        try (LetterboxServer.Running running = LetterboxServer.start(args(), out, err)) {
            List<String> lines = outBytes.toString(StandardCharsets.UTF_8).lines().toList();
            String ready = lines.stream().filter(l -> l.startsWith("READY")).findFirst().orElseThrow();
            assertThat(lines.get(lines.size() - 1)).isEqualTo(ready);
            Map<String, String> listed = readyEntries(ready);
            assertThat(listed.keySet()).containsExactlyElementsOf(running.listeners().keySet().stream()
                    .sorted((a, b) -> order(a) - order(b)).toList());
            for (var e : running.listeners().entrySet()) {
                InetSocketAddress a = e.getValue();
                assertThat(a.getPort()).isPositive();
                assertThat(listed.get(e.getKey())).isEqualTo("127.0.0.1:" + a.getPort());
                try (Socket s = new Socket(a.getAddress(), a.getPort())) {
                    assertThat(s.isConnected()).isTrue();
                }
            }
            assertThat(lines).anyMatch(l -> l.matches("TLS: fresh self-signed certificate .* fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}"));
            assertThat(lines).anyMatch(l -> l.startsWith("demo user alice@localhost password "));
            assertThat(running.backend().users().users()).containsExactly("alice@localhost", "bob@localhost");
        }
    }

    @Test
    void listeners_turned_off_are_not_started() throws Exception {
        String[] offArgs = {"--imap", "off", "--imaps", "off", "--pop3", "off", "--pop3s", "off",
                "--submission", "off", "--submissions", "off", "--user", "carol@example.org:secret"};
        try (LetterboxServer.Running running = LetterboxServer.start(offArgs, out, err)) {
            assertThat(running.listeners()).isEmpty();
            assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("READY\n").doesNotContain("demo user");
            assertThat(running.backend().users().users()).containsExactly("carol@example.org");
        }
    }

    @Test
    void users_file_and_user_options_fill_the_registry(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# users\nann@example.org:{PLAIN}one\nben@example.org:two\n");
        try (LetterboxServer.Running running = LetterboxServer.start(
                args("--users-file", file.toString(), "--user", "cat@example.org:{PLAIN}three"), out, err)) {
            assertThat(running.backend().users().users())
                    .containsExactly("ann@example.org", "ben@example.org", "cat@example.org");
            assertThat(running.backend().users().passwordString("ben@example.org")).get().asString()
                    .startsWith("{PBKDF2-SHA256}");
        }
    }

    @Test
    void pem_certificate_files_are_used_instead_of_a_fresh_one(@TempDir Path dir) throws Exception {
        var cert = dev.letterbox.testkit.tls.SelfSignedCertificate.generate();
        cert.writePem(dir.resolve("c.pem"), dir.resolve("k.pem"));
        try (LetterboxServer.Running running = LetterboxServer.start(args("--tls-cert", dir.resolve("c.pem").toString(),
                "--tls-key", dir.resolve("k.pem").toString()), out, err)) {
            assertThat(outBytes.toString(StandardCharsets.UTF_8)).doesNotContain("self-signed").contains("READY");
            assertThat(running.backend().tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        }
    }

    @Test
    void bad_options_are_usage_errors() {
        assertThatThrownBy(() -> LetterboxServer.start(new String[] {"--imap", "99999"}, out, err))
                .isInstanceOf(LetterboxServer.UsageException.class);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("--imap takes a port");
        assertThatThrownBy(() -> LetterboxServer.start(args("--tls-cert", "x.pem"), out, err))
                .isInstanceOf(LetterboxServer.UsageException.class);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("--tls-cert and --tls-key go together");
        assertThatThrownBy(() -> LetterboxServer.start(args("--user", "nopassword"), out, err))
                .isInstanceOf(LetterboxServer.UsageException.class);
        assertThatThrownBy(() -> LetterboxServer.start(new String[] {"--frobnicate"}, out, err))
                .isInstanceOf(LetterboxServer.UsageException.class);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).doesNotContain("READY");
    }

    @Test
    void help_lists_every_option_of_the_issue() {
        assertThatThrownBy(() -> LetterboxServer.start(new String[] {"--help"}, out, err))
                .isInstanceOf(LetterboxServer.UsageException.class);
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("--bind", "--imap", "--imaps", "--pop3",
                "--pop3s", "--submission", "--submissions", "--user", "--users-file", "--tls-cert", "--tls-key",
                "--allow-plaintext-auth", "--save-sent", "--relay", "--relay-user", "--relay-password-file",
                "--relay-tls", "--relay-trust", "--autoconfig-port", "--mail-domain", "--hostname", "--internal-hostname");
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).doesNotContain("--relay-password=");
    }

    /** Starting and stopping logs nothing at INFO or above from the transport (it floods large test suites). */
    @Test
    void transport_start_and_stop_log_below_info() throws Exception {
        java.util.logging.Logger net = java.util.logging.Logger.getLogger("dev.letterbox.core.net");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level before = net.getLevel();
        net.setLevel(java.util.logging.Level.ALL);
        h.setLevel(java.util.logging.Level.ALL);
        net.addHandler(h);
        try {
            LetterboxServer.start(args(), out, err).close();
        } finally {
            net.removeHandler(h);
            net.setLevel(before);
        }
        assertThat(records).extracting(java.util.logging.LogRecord::getMessage)
                .anyMatch(m -> m.contains("listening on")); // still there, at DEBUG
        assertThat(records).allMatch(r -> r.getLevel().intValue() < java.util.logging.Level.INFO.intValue(),
                "below INFO");
    }

    /** The real process: READY on stdout, then SIGTERM shuts it down gracefully through the shutdown hook. */
    @Test
    void process_prints_ready_and_stops_gracefully_on_sigterm() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LetterboxServer.class.getName()));
        cmd.addAll(List.of(EPHEMERAL));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = r.readLine();
                assertThat(line).as("the process ended before READY").isNotNull();
            } while (!line.startsWith("READY"));
            assertThat(p.toHandle().destroy()).isTrue(); // SIGTERM, streams stay open
            List<String> rest = r.lines().toList();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(rest).containsSubsequence("stopping", "stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    private static Map<String, String> readyEntries(String ready) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : ready.substring("READY".length()).trim().split(" ")) {
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return m;
    }

    private static int order(String name) {
        for (int i = 0; i < Protocols.LISTENERS.size(); i++) {
            if (Protocols.LISTENERS.get(i).name().equals(name)) return i;
        }
        throw new AssertionError(name);
    }
}
