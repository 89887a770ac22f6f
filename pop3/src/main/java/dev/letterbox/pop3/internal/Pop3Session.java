package dev.letterbox.pop3.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.LoginResult;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.auth.sasl.SaslServer;
import dev.letterbox.core.auth.sasl.SaslStep;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.net.Connection;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.pop3.internal.Command.State;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One POP3 connection, sans-I/O (RFC 1939 §3): AUTHORIZATION → TRANSACTION → UPDATE. Reads complete
 * lines from the transport's buffer, answers every pipelined command of one read in one burst and
 * flushes once. Storage calls happen here; sockets never do.
 */
public final class Pop3Session implements ProtocolSession {
    private static final System.Logger LOG = System.getLogger(Pop3Session.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pop3Config config;
    private final MaildropRegistry registry;
    private final ConnectionInfo info;
    private final LineFramer framer = new LineFramer();
    private final String apopTimestamp;
    private Connection conn;
    private Output out;
    private State state = State.AUTHORIZATION;
    private String pendingUser;
    private SaslExchange sasl;
    private int protocolErrors;
    private boolean hadProtocolError;
    private boolean returnNow;
    private boolean closed;
    private String user;
    private boolean locked;
    private UserMailboxes mailboxes;
    private Maildrop maildrop;
    private Transaction transaction;

    public Pop3Session(Pop3Config config, MaildropRegistry registry, ConnectionInfo info) {
        this.config = config;
        this.registry = registry;
        this.info = info;
        this.apopTimestamp = config.auth().apopEnabled()
                ? "<" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + "." + System.currentTimeMillis()
                        + "@" + config.hostname() + ">"
                : null;
    }

    // ---- ProtocolSession ----

    @Override
    public void start(Connection conn) {
        this.conn = conn;
        this.out = new Output(conn);
        conn.setReadTimeout(config.autologout());
        // RFC 1939 §7: the APOP timestamp banner is part of the greeting only when APOP is offered
        out.status("+OK " + config.greeting() + (apopTimestamp == null ? "" : " " + apopTimestamp));
        out.flush();
    }

    @Override
    public void receive(ByteBuffer in, Connection conn) {
        returnNow = false;
        while (conn.isOpen() && !returnNow) {
            byte[] line = framer.next(in, sasl != null ? config.maxSaslLineLength() : config.maxLineLength());
            if (line == null) break;
            hadProtocolError = false;
            try {
                if (line == LineFramer.TOO_LONG) {
                    tooLong();
                } else if (sasl != null) {
                    SaslExchange exchange = sasl;
                    try {
                        exchange.response(line);
                    } finally {
                        if (exchange.done() && sasl == exchange) sasl = null;
                    }
                } else {
                    command(line);
                }
            } catch (StoreException e) {
                LOG.log(e instanceof StoreException.NoSuchMessage ? System.Logger.Level.DEBUG
                        : System.Logger.Level.WARNING, () -> info.sessionId() + " store failure: " + e);
                out.status(StoreErrors.reply(e));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, info.sessionId() + " internal error", e);
                out.status("-ERR [SYS/TEMP] Internal server error");
            }
            if (!hadProtocolError) protocolErrors = 0;
        }
        // after STLS the output went out before the handshake; after close() nothing more is sent
        if (!returnNow && conn.isOpen()) out.flush();
    }

    @Override
    public void timedOut(Connection conn) {
        // RFC 1939 §3: on autologout the server closes the connection without entering UPDATE and
        // without sending any response.
        LOG.log(System.Logger.Level.DEBUG, () -> info.sessionId() + " autologout");
    }

    @Override
    public void shutdown(Connection conn) {
        String line = "-ERR [SYS/TEMP] Server shutting down";
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
        conn.writeLock().lock();
        try {
            conn.events().serverLine(line);
            conn.write(bytes);
            conn.flush();
        } finally {
            conn.writeLock().unlock();
        }
    }

    @Override
    public void closed() {
        if (closed) return;
        closed = true;
        sasl = null;
        releaseMaildrop(); // a dropped connection never enters UPDATE: nothing is deleted
    }

    // ---- framing and dispatch ----

    private void tooLong() {
        conn.events().clientLine("<line too long>");
        if (sasl != null) {
            sasl.tooLong();
            sasl = null;
            return;
        }
        protocolError("Line too long (limit " + config.maxLineLength() + " octets)");
    }

    private void command(byte[] raw) {
        String line = new String(raw, StandardCharsets.UTF_8);
        int sp = line.indexOf(' ');
        String keyword = sp < 0 ? line : line.substring(0, sp);
        String args = sp < 0 ? "" : line.substring(sp + 1);
        Command cmd = Command.lookup(keyword);
        conn.events().clientLine(redact(cmd, keyword, args, line));
        if (line.isEmpty()) {
            protocolError("Empty command line");
            return;
        }
        if (cmd == null || !offered(cmd)) {
            protocolError("Unknown command");
            return;
        }
        conn.events().command(cmd.name());
        if (!cmd.validIn(state)) {
            protocolError(cmd + " is not valid in the " + state + " state");
            return;
        }
        if (cmd != Command.PASS) args = args.strip();
        if (state == State.TRANSACTION && transaction.handle(cmd, args)) return;
        switch (cmd) {
            case USER -> user(args);
            case PASS -> pass(args);
            case APOP -> apop(args);
            case AUTH -> auth(args);
            case STLS -> stls(args);
            case UTF8 -> utf8(args);
            case CAPA -> capa(args);
            case QUIT -> quit(args);
            default -> throw new IllegalStateException("unhandled " + cmd);
        }
    }

    /** Commands switched off by configuration are unknown, as if not implemented. */
    private boolean offered(Command cmd) {
        return switch (cmd) {
            case APOP -> apopTimestamp != null;
            case UTF8 -> config.utf8();
            default -> true;
        };
    }

    private static String redact(Command cmd, String keyword, String args, String line) {
        if (cmd == Command.PASS) return keyword + " ***";
        if (cmd == Command.APOP) {
            int sp = args.strip().lastIndexOf(' ');
            return keyword + " " + (sp < 0 ? "" : args.strip().substring(0, sp) + " ") + "***";
        }
        if (cmd == Command.AUTH) {
            String[] parts = args.strip().split(" +", 2);
            return parts.length > 1 ? keyword + " " + parts[0] + " ***" : line;
        }
        return line;
    }

    /** A client error: {@code -ERR}, counted; before login too many in a row close the connection. */
    void protocolError(String text) {
        hadProtocolError = true;
        if (state == State.AUTHORIZATION && ++protocolErrors >= config.maxProtocolErrors()) {
            out.status("-ERR " + text + "; too many errors, closing connection");
            out.drain();
            conn.close();
            return;
        }
        out.status("-ERR " + text);
    }

    Output out() {
        return out;
    }

    private AuthContext authContext() {
        return new AuthContext("pop3", info.remote(), conn.tls().isPresent(), info.sessionId());
    }

    private boolean noArguments(Command cmd, String args) {
        if (args.isEmpty()) return true;
        protocolError(cmd + " takes no arguments");
        return false;
    }

    // ---- AUTHORIZATION: RFC 1939 §7 USER/PASS, APOP; RFC 5034 AUTH; RFC 2595 STLS; RFC 6856 UTF8 ----

    private void user(String name) {
        if (!config.userPass()) {
            out.status("-ERR USER/PASS is disabled, use AUTH");
            return;
        }
        if (name.isEmpty()) {
            protocolError("USER requires a user name");
            return;
        }
        if (!config.auth().plaintextAllowed(authContext())) {
            pendingUser = null;
            out.status(plaintextRefusal());
            return;
        }
        pendingUser = name;
        out.status("+OK Send PASS");
    }

    private String plaintextRefusal() {
        return conn.startTlsAvailable()
                ? "-ERR [AUTH] Plaintext authentication disallowed on non-secure connections, use STLS first"
                : "-ERR [AUTH] Plaintext authentication disallowed on this connection";
    }

    private void pass(String password) {
        if (pendingUser == null) {
            protocolError("Send USER first");
            return;
        }
        String name = pendingUser;
        pendingUser = null;
        char[] secret = password.toCharArray();
        LoginResult result;
        try {
            result = config.auth().login(name, secret, authContext());
        } finally {
            Arrays.fill(secret, '\0');
        }
        loginResult(result, name, "USER");
    }

    private void apop(String args) {
        int sp = args.lastIndexOf(' ');
        String digest = sp < 0 ? "" : args.substring(sp + 1);
        if (sp <= 0 || !digest.matches("[0-9a-fA-F]{32}")) {
            protocolError("APOP requires a name and an MD5 digest");
            return;
        }
        String name = args.substring(0, sp).strip();
        pendingUser = null;
        LoginResult result = config.auth().apop(name, apopTimestamp, digest.toLowerCase(Locale.ROOT), authContext());
        loginResult(result, name, "APOP");
    }

    private void loginResult(LoginResult result, String name, String mechanism) {
        if (result instanceof LoginResult.Success s) {
            openMaildrop(s.principal(), mechanism);
        } else if (result instanceof LoginResult.Failure f) {
            authFailed(name, mechanism, f.kind());
        } else {
            conn.events().authenticationFailed(name, mechanism);
            out.status(plaintextRefusal());
        }
    }

    void authFailed(String name, String mechanism, SaslStep.FailureKind kind) {
        conn.events().authenticationFailed(name, mechanism);
        out.status(switch (kind) {
            case INVALID_CREDENTIALS, NOT_PERMITTED -> "-ERR [AUTH] Authentication failed";
            case TEMPORARY -> "-ERR [SYS/TEMP] Authentication temporarily unavailable, try again later";
            case MALFORMED -> "-ERR Malformed authentication exchange";
            case CANCELLED -> "-ERR Authentication cancelled";
        });
    }

    private void auth(String args) {
        List<String> mechanisms = config.auth().mechanisms(authContext());
        if (args.isEmpty()) {
            // RFC 1734 listing form, still sent by some clients to discover mechanisms
            out.status("+OK Supported mechanisms follow");
            for (String m : mechanisms) out.text(m);
            out.text(".");
            return;
        }
        String[] parts = args.split(" +", 3);
        if (parts.length > 2) {
            protocolError("AUTH takes a mechanism and an optional initial response");
            return;
        }
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        Optional<SaslServer> server = mechanisms.contains(mechanism)
                ? config.auth().startSasl(mechanism, authContext()) : Optional.empty();
        if (server.isEmpty()) {
            out.status("-ERR Unsupported authentication mechanism");
            return;
        }
        byte[] initial = new byte[0];
        if (parts.length == 2 && !parts[1].equals("=")) { // RFC 5034 §4: "=" is an empty initial response
            Optional<byte[]> decoded = SaslExchange.decode(parts[1]);
            if (decoded.isEmpty()) {
                protocolError("Invalid base64 in initial response");
                return;
            }
            initial = decoded.get();
        }
        pendingUser = null;
        SaslExchange exchange = new SaslExchange(this, server.get());
        sasl = exchange;
        try {
            exchange.start(initial);
        } finally {
            if (exchange.done() && sasl == exchange) sasl = null;
        }
    }

    private void stls(String args) {
        if (!noArguments(Command.STLS, args)) return;
        if (conn.tls().isPresent()) {
            protocolError("TLS is already active");
            return;
        }
        if (!conn.startTlsAvailable()) {
            out.status("-ERR STLS not available");
            return;
        }
        // RFC 2595 §4: forget what the client said before TLS
        pendingUser = null;
        out.status("+OK Begin TLS negotiation");
        out.drain();
        conn.startTls();
        returnNow = true; // bytes after STLS are TLS input, never commands
    }

    private void utf8(String args) {
        if (!noArguments(Command.UTF8, args)) return;
        // RFC 6856 §2: user names and passwords are read as UTF-8 in any case; messages are served as
        // stored (no RFC 6857 downgrading for clients that never send UTF8)
        out.status("+OK UTF8 enabled");
    }

    private void capa(String args) {
        if (!noArguments(Command.CAPA, args)) return;
        out.status("+OK Capability list follows");
        for (String c : Capabilities.list(config, state, user, conn, authContext())) out.text(c);
        out.text(".");
    }

    private void quit(String args) {
        if (!noArguments(Command.QUIT, args)) return;
        if (state == State.TRANSACTION) {
            state = State.UPDATE;
            String reply;
            try {
                reply = transaction.update(config.deletionPolicy().apply(user));
            } catch (RuntimeException e) { // a host policy function or store bug: still end cleanly
                LOG.log(System.Logger.Level.ERROR, info.sessionId() + " UPDATE failed", e);
                reply = "-ERR [SYS/TEMP] Some deleted messages not removed";
            } finally {
                releaseMaildrop();
            }
            out.status(reply);
        } else {
            out.status("+OK Bye");
        }
        out.drain();
        conn.close();
    }

    // ---- entering TRANSACTION ----

    void openMaildrop(Principal principal, String mechanism) {
        String name = principal.name();
        if (config.exclusiveLock() && !registry.tryLock(name, info.sessionId())) {
            conn.events().authenticationFailed(name, mechanism);
            out.status("-ERR [IN-USE] Maildrop is locked by another session");
            return;
        }
        locked = config.exclusiveLock();
        user = name;
        try {
            mailboxes = config.store().open(name, new Origin(info.sessionId()));
            maildrop = snapshot(mailboxes, registry.crlfSizes());
        } catch (RuntimeException e) {
            releaseMaildrop();
            throw e;
        }
        // only a login that would succeed counts for LOGIN-DELAY (RFC 2449 §6.5)
        if (config.loginDelay().isPresent() && !registry.admitLogin(name, config.loginDelayFor(name))) {
            releaseMaildrop();
            conn.events().authenticationFailed(name, mechanism);
            out.status("-ERR [LOGIN-DELAY] Minimum time between logins has not yet passed");
            return;
        }
        state = State.TRANSACTION;
        transaction = new Transaction(this, maildrop, info.sessionId());
        conn.events().authenticated(name, mechanism);
        // the octet total is left to STAT: it may need a look at every message
        out.status("+OK Logged in, maildrop has " + maildrop.liveCount() + " messages");
    }

    private static Maildrop snapshot(UserMailboxes mailboxes, CrlfSize crlfSizes) {
        try {
            return Maildrop.snapshot(mailboxes.open(MailboxPath.INBOX), crlfSizes);
        } catch (StoreException.NoSuchMailbox e) {
            return Maildrop.empty();
        }
    }

    private void releaseMaildrop() {
        if (locked) {
            registry.unlock(user, info.sessionId());
            locked = false;
        }
        if (mailboxes != null) {
            UserMailboxes m = mailboxes;
            mailboxes = null;
            try {
                m.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> info.sessionId() + " closing mailboxes: " + e);
            }
        }
    }

    UserMailboxes mailboxes() {
        return mailboxes;
    }

    Connection conn() {
        return conn;
    }
}
