package dev.letterbox.bench.jmh;

import dev.letterbox.core.store.MessageContent;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.imap4.fetch.FetchContext;
import dev.letterbox.imap4.fetch.FetchException;
import dev.letterbox.imap4.fetch.FetchParseException;
import dev.letterbox.imap4.fetch.FetchRenderer;
import dev.letterbox.imap4.fetch.FetchRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding the FETCH responses of a whole mailbox ({@code FETCH 1:*}) of {@code messages}
 * in-memory messages (corpus messages cycled, or synthetic ~5 KB ones), with structures cached as
 * a store would after the first fetch. Score: time for all messages; the bytes written per
 * operation are printed at setup so that throughput (e.g. full-body MB/s) can be derived.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FetchEncodeBenchmark {
    @Param({"10000"})
    public int messages;

    @Param({"synthetic", "corpus"})
    public String source;

    private final List<FetchContext> contexts = new ArrayList<>();
    private FetchRequest envelope;
    private FetchRequest headerFields;
    private FetchRequest fullBody;
    private FetchRequest bodyStructure;
    private final OutputStream sink = OutputStream.nullOutputStream();

    @Setup
    public void setup() throws Exception {
        List<byte[]> base = new ArrayList<>();
        if (source.equals("corpus")) {
            base.addAll(BenchMessages.corpusOrSynthetic());
        } else {
            for (int i = 0; i < 100; i++) base.add(BenchMessages.synthetic(i));
        }
        Instant date = Instant.parse("2021-06-01T10:00:00Z");
        long bytes = 0;
        for (int i = 0; i < messages; i++) {
            byte[] m = base.get(i % base.size());
            if (i >= base.size()) m = m.clone(); // distinct messages, distinct cached structures
            MessageContent c = MessageContent.ofBytes(m);
            MessageMeta meta = new MessageMeta(i + 1, Set.of(), date, m.length, 1);
            contexts.add(new FetchContext(i + 1, meta, false, () -> c, false));
            bytes += m.length;
        }
        envelope = FetchRequest.parse("(FLAGS ENVELOPE RFC822.SIZE)", false);
        headerFields = FetchRequest.parse("BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)]", false);
        fullBody = FetchRequest.parse("BODY.PEEK[]", false);
        bodyStructure = FetchRequest.parse("BODYSTRUCTURE", false);
        fetchAll(envelope); // first fetch scans and caches the structures
        System.out.println("# " + messages + " messages, " + bytes + " bytes of message data per full-body pass");
    }

    private void fetchAll(FetchRequest r) throws IOException, FetchException {
        for (FetchContext ctx : contexts) FetchRenderer.render(r, ctx, sink);
    }

    @Benchmark
    public void flagsEnvelopeSize() throws Exception {
        fetchAll(envelope);
    }

    @Benchmark
    public void headerFields() throws Exception {
        fetchAll(headerFields);
    }

    @Benchmark
    public void fullBodyPeek() throws Exception {
        fetchAll(fullBody);
    }

    @Benchmark
    public void bodyStructure() throws Exception {
        fetchAll(bodyStructure);
    }

    @Benchmark
    public FetchRequest parseRequest() throws FetchParseException {
        return FetchRequest.parse("(UID FLAGS BODY.PEEK[HEADER.FIELDS (FROM TO CC SUBJECT DATE MESSAGE-ID)] BINARY.SIZE[1])",
                true);
    }
}
