package dev.letterbox.bench.jmh;

import dev.letterbox.imap4.message.MessageStructure;
import dev.letterbox.imap4.message.MimeScanner;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The MIME structure scanner over every corpus message (or synthetic ~5 KB messages): offsets
 * only, and offsets plus the ENVELOPE/BODYSTRUCTURE rendering a first FETCH of a message pays.
 * Score: time per pass over all messages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MimeScanBenchmark {
    private List<byte[]> messages;

    @Setup
    public void setup() {
        messages = BenchMessages.corpusOrSynthetic();
    }

    @Benchmark
    public void scanAll(Blackhole bh) {
        for (byte[] m : messages) bh.consume(MimeScanner.scan(m));
    }

    @Benchmark
    public void scanAndRenderStructure(Blackhole bh) {
        for (byte[] m : messages) {
            MessageStructure s = MessageStructure.scan(m);
            bh.consume(s.envelope(m));
            bh.consume(s.bodyStructure(m));
        }
    }
}
