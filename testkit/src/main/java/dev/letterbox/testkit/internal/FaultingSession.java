package dev.letterbox.testkit.internal;

import dev.letterbox.core.net.Connection;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.fault.Effect;
import dev.letterbox.testkit.fault.Fault;
import dev.letterbox.testkit.fault.Phase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A protocol session under test: cuts the input into commands ({@link InputFramer}), applies the
 * command-phase faults before the real session sees a command, arms the response-phase faults on the
 * {@link FaultingConnection}, and feeds the real session one unit at a time so each response can be
 * told apart.
 */
final class FaultingSession implements ProtocolSession {
    private final ProtocolSession delegate;
    private final Protocol protocol;
    private final ConnectionInfo info;
    private final Env env;
    private final InputFramer framer;
    private FaultingConnection conn;
    private boolean started;
    private boolean ignoreInput;

    FaultingSession(ProtocolSession delegate, Protocol protocol, ConnectionInfo info, Env env) {
        this.delegate = delegate;
        this.protocol = protocol;
        this.info = info;
        this.env = env;
        this.framer = new InputFramer(protocol);
    }

    private enum Outcome { PROCEED, SWALLOWED, STOP }

    @Override
    public void start(Connection real) {
        ConnectionTap tap = env.recorder().attach(info);
        conn = new FaultingConnection(real, tap, env);
        List<Fault> greetingFaults = new ArrayList<>();
        for (Fault f : tap.connectFaults) {
            Effect e = f.effect();
            if (e instanceof Effect.FailTlsHandshake) continue;
            if (f.afterBytes() > 0 || e instanceof Effect.Throttle) {
                greetingFaults.add(f); // applied to the greeting as it is sent
                continue;
            }
            env.recorder().note(tap, "fault: " + FaultingConnection.describe(f));
            if (e instanceof Effect.Reply r) {
                conn.sendLine((r.text() + "\r\n").getBytes(StandardCharsets.UTF_8));
                real.close();
                return;
            } else if (e instanceof Effect.Disconnect) {
                real.close();
                return;
            } else if (e instanceof Effect.HalfClose) {
                real.halfClose();
                ignoreInput = true;
                return;
            } else if (e instanceof Effect.Stall) {
                conn.stall();
                ignoreInput = true;
                return;
            } else if (e instanceof Effect.Delay d) {
                env.pauser().pause(d.duration());
            }
        }
        if (!greetingFaults.isEmpty()) conn.arm(new Response(protocol, null, null, greetingFaults));
        started = true;
        delegate.start(conn);
        conn.endOfUnit();
    }

    @Override
    public void receive(ByteBuffer in, Connection real) {
        if (!started || ignoreInput || conn.stalled()) {
            in.position(in.limit());
            return;
        }
        conn.inputResumed();
        while (in.hasRemaining() && real.isOpen() && !conn.tlsRequested() && !conn.stalled()) {
            InputFramer.Unit u = framer.next(in, conn.lastServerLine());
            if (u == null) {
                feed(in, in.limit());
                return;
            }
            if (!u.isCommand() && framer.discarding()) {
                in.position(in.position() + u.length());
                framer.consumed(u, u.length());
                continue;
            }
            if (u.isCommand()) {
                List<Fault> hits = env.plan().match(conn.tap().service, Optional.of(u.verb()), conn.tap().user);
                if (!hits.isEmpty()) {
                    Outcome o = apply(hits, u, in);
                    if (o == Outcome.STOP) {
                        in.position(in.limit());
                        return;
                    }
                    if (o == Outcome.SWALLOWED) continue;
                }
            }
            int before = in.position();
            feed(in, before + u.length());
            int k = in.position() - before;
            framer.consumed(u, k);
            conn.endOfUnit();
            if (k == 0) {
                // the session wants more than this unit (or stopped): let it see everything it has
                if (u.complete() && real.isOpen() && !conn.tlsRequested()) {
                    feed(in, in.limit());
                    conn.endOfUnit();
                }
                return;
            }
        }
    }

    /** Runs the real session on {@code in} up to {@code limit}. */
    private void feed(ByteBuffer in, int limit) {
        int saved = in.limit();
        in.limit(Math.min(saved, limit));
        try {
            delegate.receive(in, conn);
        } finally {
            in.limit(saved);
        }
    }

    private Outcome apply(List<Fault> hits, InputFramer.Unit u, ByteBuffer in) {
        List<Fault> later = new ArrayList<>();
        boolean endOfData = Fault.END_OF_DATA.equals(u.verb());
        for (Fault f : hits) {
            Effect e = f.effect();
            if (f.phase() != Phase.COMMAND) {
                later.add(f);
                continue;
            }
            if (e instanceof Effect.Throttle) {
                later.add(f);
                continue;
            }
            if (endOfData && e instanceof Effect.Reply) {
                // the session must see the end of the data to leave DATA mode: veto the delivery, replace the reply
                env.vetoedData().add(info.sessionId());
                later.add(f);
                continue;
            }
            env.recorder().note(conn.tap(), "fault: " + FaultingConnection.describe(f));
            if (e instanceof Effect.Reply r) {
                in.position(in.position() + u.length());
                framer.swallow(u);
                conn.sendLine(new Response(protocol, u.tag(), u.verb(), List.of()).replyLine(r.text()));
                return Outcome.SWALLOWED;
            } else if (e instanceof Effect.Disconnect) {
                conn.abort();
                return Outcome.STOP;
            } else if (e instanceof Effect.HalfClose) {
                conn.halfClose();
                ignoreInput = true;
                return Outcome.STOP;
            } else if (e instanceof Effect.Stall) {
                conn.stall();
                ignoreInput = true;
                return Outcome.STOP;
            } else if (e instanceof Effect.Delay d) {
                env.pauser().pause(d.duration());
            } else if (e instanceof Effect.FailTlsHandshake) {
                env.tls().failNext(info.remote());
            }
        }
        if (!later.isEmpty()) conn.arm(new Response(protocol, u.tag(), u.verb(), later));
        return Outcome.PROCEED;
    }

    @Override
    public void timedOut(Connection real) {
        if (started && !conn.stalled()) delegate.timedOut(conn);
    }

    @Override
    public void shutdown(Connection real) {
        if (started && !conn.stalled()) delegate.shutdown(conn);
    }

    @Override
    public void closed() {
        env.vetoedData().remove(info.sessionId());
        if (started) delegate.closed();
    }
}
