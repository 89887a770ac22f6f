package dev.letterbox.bench.jmh;

import dev.letterbox.bench.load.Messages;
import dev.letterbox.core.store.MessageContent;
import dev.letterbox.imap4.message.SearchText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SEARCH text matching over the load generator's ~5 KB messages, as the first SEARCH after APPEND
 * sees them ("cold": fresh contents, no cached structure) and as a repeated SEARCH does ("warm").
 * Score: time per pass over all messages (returns the hit count).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class SearchTextBenchmark {
    @Param("10000")
    public int messages;

    private byte[][] raw;
    private List<MessageContent> cold;
    private List<MessageContent> warm;

    @Setup(Level.Trial)
    public void setup() {
        raw = new byte[messages][];
        for (int i = 0; i < messages; i++) raw[i] = Messages.message(i, 5000, "sender@example.com", "reader@example.com");
        warm = contents();
        for (MessageContent m : warm) {
            SearchText.contains(m, SearchText.Field.BODY, Messages.BODY_TOKEN);
        }
    }

    @Setup(Level.Invocation)
    public void fresh() {
        cold = contents();
    }

    private List<MessageContent> contents() {
        List<MessageContent> out = new ArrayList<>(raw.length);
        for (byte[] b : raw) out.add(MessageContent.ofBytes(b));
        return out;
    }

    private static int count(List<MessageContent> ms, SearchText.Field f, String term) {
        int n = 0;
        for (MessageContent m : ms) n += SearchText.contains(m, f, term) ? 1 : 0;
        return n;
    }

    @Benchmark
    public int subjectCold() {
        return count(cold, SearchText.Field.SUBJECT, Messages.SUBJECT_TOKEN);
    }

    @Benchmark
    public int bodyCold() {
        return count(cold, SearchText.Field.BODY, Messages.BODY_TOKEN);
    }

    @Benchmark
    public int subjectWarm() {
        return count(warm, SearchText.Field.SUBJECT, Messages.SUBJECT_TOKEN);
    }

    @Benchmark
    public int bodyWarm() {
        return count(warm, SearchText.Field.BODY, Messages.BODY_TOKEN);
    }
}
