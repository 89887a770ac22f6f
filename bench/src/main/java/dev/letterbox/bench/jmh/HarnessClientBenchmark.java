package dev.letterbox.bench.jmh;

import dev.letterbox.bench.load.ImapReader;
import dev.letterbox.bench.load.Messages;
import dev.letterbox.bench.load.WireIn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the load harness's own IMAP and POP3 readers consume responses (from memory): the
 * ceiling the client puts on any measured MB/s. {@code fetchBody} parses a
 * {@code FETCH 1:* BODY.PEEK[]} answer of 1,000 ~5 KB messages; divide its size (reported by
 * {@link #responseBytes}) by the time per operation for the client's parse rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HarnessClientBenchmark {
    private byte[] fetchResponse;
    private byte[] retrResponse;

    public static long responseBytes() {
        HarnessClientBenchmark b = new HarnessClientBenchmark();
        b.setup();
        return b.fetchResponse.length;
    }

    @Setup
    public void setup() {
        ByteArrayOutputStream fetch = new ByteArrayOutputStream();
        ByteArrayOutputStream retr = new ByteArrayOutputStream();
        for (int i = 1; i <= 1000; i++) {
            byte[] m = Messages.message(i, 5000, "a@example.com", "b@example.com");
            fetch.writeBytes(("* " + i + " FETCH (BODY[] {" + m.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            fetch.writeBytes(m);
            fetch.writeBytes(")\r\n".getBytes(StandardCharsets.US_ASCII));
            if (i <= 100) {
                retr.writeBytes(("+OK " + m.length + " octets\r\n").getBytes(StandardCharsets.US_ASCII));
                retr.writeBytes(m);
                retr.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        fetch.writeBytes("b1 OK FETCH completed\r\n".getBytes(StandardCharsets.US_ASCII));
        fetchResponse = fetch.toByteArray();
        retrResponse = retr.toByteArray();
    }

    @Benchmark
    public int fetchBody() throws IOException {
        ImapReader r = new ImapReader(new WireIn(new ByteArrayInputStream(fetchResponse)));
        return r.readUntilTagged("b1", false).fetches();
    }

    @Benchmark
    public long retr100() throws IOException {
        WireIn in = new WireIn(new ByteArrayInputStream(retrResponse));
        long total = 0;
        for (int i = 0; i < 100; i++) {
            in.readLine();
            total += in.skipDotTerminated();
        }
        return total;
    }
}
