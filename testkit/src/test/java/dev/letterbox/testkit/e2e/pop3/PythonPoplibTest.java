package dev.letterbox.testkit.e2e.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python's poplib against the real transport (skipped when python3 is absent). */
class PythonPoplibTest {
    private static final String SCRIPT = """
            import poplib, ssl, sys
            host, port, tls_port, cafile = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
            ctx = ssl.create_default_context(cafile=cafile)
            p = poplib.POP3(host, port, timeout=10)
            caps = p.capa()
            print("CAPA-BEFORE", " ".join(sorted(caps)))
            p.stls(context=ctx)
            print("CAPA-AFTER-STLS", " ".join(sorted(p.capa())))
            p.user("alice")
            p.pass_("secret")
            print("STAT", *p.stat())
            resp, lines, octets = p.retr(1)
            print("RETR", octets, repr(b"\\r\\n".join(lines).decode()))
            resp, lines, octets = p.top(1, 0)
            print("TOP", repr(b"\\r\\n".join(lines).decode()))
            resp, lines, octets = p.uidl()
            print("UIDL", len(lines))
            print("DELE", p.dele(1).decode())
            print("QUIT", p.quit().decode())
            s = poplib.POP3_SSL(host, tls_port, context=ctx, timeout=10)
            s.user("alice")
            s.pass_("secret")
            print("STAT2", *s.stat())
            s.quit()
            """;

    private Pop3Server server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import poplib, ssl").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void poplib_with_stls_and_pop3_ssl(@TempDir Path dir) throws Exception {
        assumeTrue(pythonAvailable(), "python3 not available");
        server = new Pop3Server(false, b -> { });
        String m1 = "Subject: one\r\n\r\n.dotted\r\nbody\r\n";
        server.deliver("alice", m1);
        server.deliver("alice", "Subject: two\r\n\r\nsecond\r\n");
        Path script = dir.resolve("pop.py");
        Files.writeString(script, SCRIPT);
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, Pop3Server.CERT.certificatePem());
        Process p = new ProcessBuilder("python3", script.toString(), "127.0.0.1", Integer.toString(server.port()),
                Integer.toString(server.tlsPort()), ca.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("CAPA-BEFORE ").contains(" STLS").doesNotContain("CAPA-BEFORE USER");
        assertThat(out.lines().filter(l -> l.startsWith("CAPA-BEFORE"))).singleElement()
                .satisfies(l -> assertThat(l.split(" ")).doesNotContain("USER"));
        assertThat(out.lines().filter(l -> l.startsWith("CAPA-AFTER-STLS"))).singleElement()
                .satisfies(l -> assertThat(l.split(" ")).contains("USER").doesNotContain("STLS"));
        assertThat(out).contains("STAT 2 ")
                .contains(" 'Subject: one\\r\\n\\r\\n.dotted\\r\\nbody'")
                .contains("TOP 'Subject: one\\r\\n'")
                .contains("UIDL 2")
                .contains("DELE +OK Message 1 deleted")
                .contains("QUIT +OK Bye")
                .contains("STAT2 1 ");
    }
}
