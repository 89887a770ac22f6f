package dev.letterbox.bench.jmh;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.tls.SelfSignedCertificate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a {@link MailTestServer} with all six services (IMAP, IMAPS, POP3, POP3S, submission,
 * submissions) takes to start and close in a warm JVM — the cost a test pays per server.
 *
 * <ul>
 *   <li>{@code buildStartClose}: a new server per test (builder, a user, six listeners; the default
 *       certificate is generated once per JVM), as a per-test JUnit extension does;</li>
 *   <li>{@code buildStartCloseFreshCertificate}: the same with a certificate generated per server;</li>
 *   <li>{@code restart}: {@code start()} and {@code close()} of an existing server (same ports).</li>
 * </ul>
 *
 * Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main TestServerStartupBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TestServerStartupBenchmark {
    private SelfSignedCertificate certificate;
    private MailTestServer existing;

    @Setup(Level.Trial)
    public void setUp() {
        certificate = SelfSignedCertificate.generate();
        existing = MailTestServer.builder().certificate(certificate).user("alice@example.com", "pw").build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        existing.close();
    }

    @Benchmark
    public MailTestServer buildStartClose() {
        MailTestServer s = MailTestServer.builder().user("alice@example.com", "pw").start();
        s.close();
        return s;
    }

    @Benchmark
    public MailTestServer buildStartCloseFreshCertificate() {
        MailTestServer s = MailTestServer.builder().freshCertificate().user("alice@example.com", "pw").start();
        s.close();
        return s;
    }

    @Benchmark
    public MailTestServer restart() {
        existing.start();
        existing.close();
        return existing;
    }
}
