package dev.letterbox.testkit.e2e.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** curl's POP3 client (SASL or USER/PASS, STLS, POP3S) against the real transport; skipped without curl. */
class CurlPop3Test {
    private Pop3Server server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static boolean curlAvailable() {
        try {
            Process p = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.contains("pop3");
        } catch (Exception e) {
            return false;
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("curl finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void curl_lists_and_retrieves_over_stls_and_pop3s(@TempDir Path dir) throws Exception {
        assumeTrue(curlAvailable(), "curl with POP3 not available");
        server = new Pop3Server(false, b -> { });
        String m1 = "Subject: curl\r\n\r\n.dot line\r\nbody\r\n";
        server.deliver("alice", m1);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, Pop3Server.CERT.certificatePem());
        String base = "pop3://127.0.0.1:" + server.port() + "/";
        assertThat(curl("--ssl-reqd", "--cacert", ca.toString(), "-u", "alice:secret", base))
                .isEqualTo("1 " + m1.length() + "\r\n");
        assertThat(curl("--ssl-reqd", "--cacert", ca.toString(), "-u", "alice:secret", base + "1")).isEqualTo(m1);
        String tls = "pop3s://127.0.0.1:" + server.tlsPort() + "/1";
        assertThat(curl("--cacert", ca.toString(), "-u", "alice:secret", tls)).isEqualTo(m1);
        assertThat(server.inboxCount("alice")).isEqualTo(1);
    }
}
