package dev.letterbox.testkit.internal;

import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.TlsInfo;
import dev.letterbox.core.net.WireTrace.Direction;
import dev.letterbox.testkit.ConnectionRecord;
import dev.letterbox.testkit.Service;
import dev.letterbox.testkit.TranscriptLine;
import dev.letterbox.testkit.fault.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the recorder knows about one connection. Guarded by the recorder's lock. */
final class ConnectionTap {
    final int index;
    final Service service;
    final ConnectionInfo info;
    final List<TranscriptLine> transcript = new ArrayList<>();
    /** CONNECT faults decided when the connection was accepted. */
    final List<Fault> connectFaults;
    volatile Optional<String> user = Optional.empty();
    volatile Optional<String> mechanism = Optional.empty();
    volatile Optional<TlsInfo> tls = Optional.empty();
    volatile boolean open = true;
    // pairing of command(verb) and clientLine(line) reports, whatever order the session uses
    String pendingVerb;
    String pendingLine;

    ConnectionTap(int index, Service service, ConnectionInfo info, List<Fault> connectFaults) {
        this.index = index;
        this.service = service;
        this.info = info;
        this.connectFaults = connectFaults;
    }

    ConnectionRecord snapshot() {
        return new ConnectionRecord(index, service, info.sessionId(), user, tls, open, transcript);
    }

    TranscriptLine line(Direction d, String text) {
        TranscriptLine l = new TranscriptLine(index, d, text);
        transcript.add(l);
        return l;
    }
}
