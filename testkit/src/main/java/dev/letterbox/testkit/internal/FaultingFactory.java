package dev.letterbox.testkit.internal;

import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.net.ProtocolSessionFactory;
import dev.letterbox.testkit.Protocol;
import java.time.Duration;

/**
 * Decorates a protocol's {@link ProtocolSessionFactory}: every session it makes records what happens
 * and applies the injected faults. The protocol itself is untouched.
 */
public final class FaultingFactory implements ProtocolSessionFactory {
    private final ProtocolSessionFactory delegate;
    private final Protocol protocol;
    private final Env env;

    public FaultingFactory(ProtocolSessionFactory delegate, Protocol protocol, Env env) {
        this.delegate = delegate;
        this.protocol = protocol;
        this.env = env;
    }

    @Override
    public String protocol() {
        return delegate.protocol();
    }

    @Override
    public ProtocolSession newSession(ConnectionInfo info) {
        return new FaultingSession(delegate.newSession(info), protocol, info, env);
    }

    @Override
    public byte[] busyReply() {
        return delegate.busyReply();
    }

    @Override
    public Duration initialReadTimeout() {
        return delegate.initialReadTimeout();
    }
}
