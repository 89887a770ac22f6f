package dev.letterbox.imap4.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.AuthService;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.event.Origin;
import dev.letterbox.core.net.Connection;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.store.MailboxPath;
import dev.letterbox.core.store.MessageMeta;
import dev.letterbox.core.store.StoreException;
import dev.letterbox.core.store.UidSet;
import dev.letterbox.core.store.UserMailboxes;
import dev.letterbox.imap4.internal.codec.CommandFrame;
import dev.letterbox.imap4.internal.codec.Cursor;
import dev.letterbox.imap4.internal.codec.Framer;
import dev.letterbox.imap4.internal.codec.ImapWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The IMAP protocol machine of one connection (RFC 9051 §3 states: not authenticated →
 * authenticated ⇄ selected → logout), sans-I/O: bytes in through {@link #receive}, responses and
 * effects out through the {@link Connection}.
 */
public final class ImapSession implements ProtocolSession {
    private static final System.Logger LOG = System.getLogger(ImapSession.class.getName());
    static final char DELIMITER = '/';
    /** Usage (bytes or messages) at which login warns with {@code [ALERT]}. */
    static final int QUOTA_ALERT_PERCENT = 90;

    public enum State { NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT }

    /** Receives raw lines while a command is in progress (SASL responses, IDLE's DONE). */
    public interface Continuation {
        /** Handles one line; returns the tagged result when the command ends, or null to keep reading. */
        Result onLine(String line);

        String tag();

        /** Whether pending EXPUNGEs may be sent before the tagged reply when it ends. */
        default boolean allowsExpunge() {
            return true;
        }

        /** Called if the connection ends while the continuation is active. */
        default void abort() {
        }
    }

    private final ConnectionInfo info;
    private final ImapConfig config;
    private final Map<String, Command> commands;
    private final List<String> staticCapabilities;
    private final SessionStore store;
    private final AuthService auth;
    private final RecentTracker recentTracker;
    private final ScheduledExecutorService timer;
    private final ImapWriter out = new ImapWriter();
    private final ReentrantLock viewLock = new ReentrantLock();
    private Framer framer;
    private Connection conn;
    private State state = State.NOT_AUTHENTICATED;
    private Principal principal;
    private UserMailboxes mailboxes;
    private SelectedView view;
    private boolean rev2;
    private boolean utf8;
    private UidSet saved = UidSet.empty();
    private int consecutiveBad;
    private Continuation continuation;
    private boolean tlsStarting;
    private final IdlePump idle;

    public ImapSession(ConnectionInfo info, ImapConfig config, Map<String, Command> commands,
                       List<String> staticCapabilities, SessionStore store, AuthService auth,
                       RecentTracker recentTracker, ScheduledExecutorService timer) {
        this.info = info;
        this.config = config;
        this.commands = commands;
        this.staticCapabilities = staticCapabilities;
        this.store = store;
        this.auth = auth;
        this.recentTracker = recentTracker;
        this.timer = timer;
        this.idle = new IdlePump(this, timer);
    }

    // ---- ProtocolSession ----

    @Override
    public void start(Connection c) {
        this.conn = c;
        out.connection(c);
        framer = new Framer(config.maxLineLength(), config.spoolThreshold(), config.spoolDirectory(),
                new LiteralLimits(config, () -> state == State.NOT_AUTHENTICATED, this::literalContinuation));
        out.untaggedStatus("OK", "CAPABILITY " + String.join(" ", capabilities()), "Letterbox IMAP server ready");
        flush();
        c.setReadTimeout(idleTimeout());
    }

    /** Between commands: the autologout once authenticated (≥ 30 min, RFC 9051 §5.4), shorter before. */
    private java.time.Duration idleTimeout() {
        return state == State.NOT_AUTHENTICATED ? config.commandTimeout() : config.autologout();
    }

    @Override
    public void receive(ByteBuffer in, Connection c) {
        while (conn.isOpen() && !tlsStarting && state != State.LOGOUT) {
            Framer.Unit u = continuation != null ? framer.nextRawLine(in) : framer.next(in);
            if (u == null) break;
            try {
                if (u instanceof Framer.Unit.Command cmd) {
                    if (continuation != null) onContinuationLine(cmd.frame());
                    else handle(cmd.frame());
                } else if (u instanceof Framer.Unit.LineTooLong tl) {
                    if (continuation != null) {
                        finishContinuation(Result.bad("Line too long"));
                    } else {
                        String tag = tagOf(tl.prefix());
                        reply(tag, Result.bad("LIMIT", "Command line too long"));
                    }
                } else if (u instanceof Framer.Unit.LiteralRefused lr) {
                    String tag = tagOf(lr.firstLine());
                    Framer.Refusal r = lr.refusal();
                    reply(tag, r.bad() ? Result.bad(r.code(), r.text()) : Result.no(r.code(), r.text()));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "[" + info.sessionId() + "] unexpected failure", e);
                out.untaggedStatus("BAD", "SERVERBUG", "Internal error");
            }
        }
        if (tlsStarting) {
            tlsStarting = false;
            return;
        }
        flush();
        out.release(); // waiting for the next command (or idling): keep no output buffer
        if (conn.isOpen()) {
            conn.setReadTimeout(framer.midCommand() || (continuation != null && !idle.active())
                    ? config.commandTimeout() : idleTimeout());
        }
    }

    @Override
    public void timedOut(Connection c) {
        lockedWrite(w -> w.untaggedStatus("BYE", null, "Autologout; idle for too long"));
    }

    @Override
    public void shutdown(Connection c) {
        lockedWrite(w -> w.untaggedStatus("BYE", null, "Server shutting down"));
    }

    @Override
    public void closed() {
        viewLock.lock();
        try {
            idle.stop();
            if (continuation != null) continuation.abort();
            continuation = null;
            if (framer != null) framer.close();
            closeView();
            closeMailboxes();
            state = State.LOGOUT;
        } finally {
            viewLock.unlock();
        }
    }

    // ---- dispatch ----

    private void handle(CommandFrame frame) {
        try (frame) {
            Cursor c = new Cursor(frame, utf8, config.maxNestingDepth());
            String tag = c.tag();
            if (!c.ok() || !c.trySp()) {
                out.untaggedStatus("BAD", null, tag.isEmpty() ? "Missing tag" : "Missing command");
                countBad();
                return;
            }
            String verb = c.atom().toUpperCase(Locale.ROOT);
            if (!c.ok()) {
                reply(tag, Result.bad("Missing or invalid command name"));
                return;
            }
            boolean uid = false;
            if (verb.equals("UID")) {
                uid = true;
                c.sp();
                verb = c.atom().toUpperCase(Locale.ROOT);
                if (!c.ok()) {
                    reply(tag, Result.bad("Missing command after UID"));
                    return;
                }
            }
            conn.events().command(uid ? "UID " + verb : verb);
            conn.events().clientLine(redact(frame, tag, verb));
            Command cmd = commands.get(verb);
            if (cmd == null || (uid && !cmd.uidForm())) {
                reply(tag, Result.bad("Unknown command " + (uid ? "UID " : "") + verb));
                return;
            }
            if (!cmd.states().contains(state)) {
                reply(tag, Result.bad(stateText(cmd)));
                return;
            }
            Command.Request req = new Command.Request(tag, verb, uid, c);
            Result r;
            try {
                r = cmd.run(req, this);
            } catch (ImapException e) {
                r = e.result();
            } catch (StoreException e) {
                LOG.log(System.Logger.Level.DEBUG, "[" + info.sessionId() + "] " + verb + ": " + e);
                r = ResponseCodes.forStore(e, cmd.targetsMailbox());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "[" + info.sessionId() + "] " + verb + " failed", e);
                r = ResponseCodes.serverBug();
            }
            if (r == null) return;
            complete(tag, r, cmd.allowsExpunge(req));
        }
    }

    private String stateText(Command cmd) {
        if (cmd.states().contains(State.SELECTED) && !cmd.states().contains(State.AUTHENTICATED)) {
            return "No mailbox selected";
        }
        if (state == State.NOT_AUTHENTICATED) return "Log in first";
        return "Command not valid in this state";
    }

    /** Drains the selected view (as the command allows) and writes the tagged reply. */
    public void complete(String tag, Result r, boolean allowExpunge) {
        try {
            if (view != null && !drain(allowExpunge)) return;
        } catch (RuntimeException e) {
            // the command itself is done; its reply must still go out (the view resyncs next time)
            LOG.log(System.Logger.Level.WARNING, "[" + info.sessionId() + "] reporting changes failed", e);
        }
        reply(tag, r);
    }

    private void reply(String tag, Result r) {
        out.tagged(tag, r.status(), r.code(), r.text());
        if (r.isBad()) countBad();
        else consecutiveBad = 0;
    }

    private void countBad() {
        if (state != State.NOT_AUTHENTICATED) return;
        if (++consecutiveBad >= config.maxBadBeforeAuth()) {
            out.untaggedStatus("BYE", null, "Too many invalid commands");
            flush();
            state = State.LOGOUT;
            conn.close();
        }
    }

    private static String tagOf(byte[] firstLine) {
        int i = 0;
        while (i < firstLine.length && firstLine[i] != ' ' && i < 64) i++;
        String t = new String(firstLine, 0, i, StandardCharsets.ISO_8859_1);
        for (int k = 0; k < t.length(); k++) {
            char ch = t.charAt(k);
            if (!Cursor.isAtomChar(ch) || ch == '+') return "*";
        }
        return t.isEmpty() ? "*" : t;
    }

    private static String redact(CommandFrame frame, String tag, String verb) {
        if (verb.equals("LOGIN") || verb.equals("AUTHENTICATE")) return tag + " " + verb + " <redacted>";
        String l = frame.firstLine();
        return l.length() > 200 ? l.substring(0, 200) + "..." : l;
    }

    // ---- continuations (AUTHENTICATE, IDLE) ----

    /** Enters raw-line mode: the next lines go to {@code k} until it returns a result. */
    public void continueWith(Continuation k) {
        this.continuation = k;
    }

    private void onContinuationLine(CommandFrame frame) {
        String line = new String(frame.lines().get(0), StandardCharsets.UTF_8);
        Continuation k = continuation;
        conn.events().clientLine(idle.active() ? line : "<redacted>");
        Result r;
        try {
            r = k.onLine(line);
        } catch (ImapException e) {
            r = e.result();
        } catch (StoreException e) {
            r = ResponseCodes.forStore(e, false);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "[" + info.sessionId() + "] continuation failed", e);
            r = ResponseCodes.serverBug();
        }
        if (r != null) finishContinuation(r);
    }

    private void finishContinuation(Result r) {
        Continuation k = continuation;
        continuation = null;
        if (idle.active()) {
            viewLock.lock();
            try {
                idle.stop();
                complete(k.tag(), r, true);
            } finally {
                viewLock.unlock();
            }
            return;
        }
        complete(k.tag(), r, k.allowsExpunge());
    }

    // ---- IDLE (RFC 2177) ----

    /** Starts IDLE: {@code + idling}, an immediate drain, then pushes until DONE. */
    public void startIdle(String tag) {
        viewLock.lock();
        try {
            out.raw("+ idling").crlf();
            idle.start();
            if (view != null && !drain(true)) {
                idle.stop();
                return;
            }
            continueWith(new Continuation() {
                @Override
                public Result onLine(String line) {
                    if (line.equalsIgnoreCase("DONE")) return Result.ok("IDLE terminated");
                    return Result.bad("Expected DONE to end IDLE");
                }

                @Override
                public String tag() {
                    return tag;
                }
            });
            // "+ idling" and the first drain reach the client before any push (pushes need viewLock)
            flush();
        } finally {
            viewLock.unlock();
        }
    }

    /** For {@link IdlePump}: serialises pushes with the session's own use of the view. */
    ReentrantLock viewLock() {
        return viewLock;
    }

    /** For {@link IdlePump}: the selected view, or null. */
    SelectedView viewOrNull() {
        return view;
    }

    /** A writer for output that does not go through {@link #out()} (pushes, heartbeats). */
    ImapWriter newWriter() {
        return new ImapWriter().utf8(utf8).connection(conn);
    }

    SelectedView.Sink sinkFor(ImapWriter w) {
        return sink(w);
    }

    // ---- drain ----

    /** Drains the view into {@link #out()}; false if the mailbox went away (BYE sent, closing). */
    boolean drain(boolean allowExpunge) {
        SelectedView.Fatal f = view.drain(allowExpunge, reportRecent(), sink(out));
        if (f == SelectedView.Fatal.NONE) return true;
        out.untaggedStatus("BYE", null, byeText(f));
        flush();
        state = State.LOGOUT;
        conn.close();
        return false;
    }

    static String byeText(SelectedView.Fatal f) {
        return f == SelectedView.Fatal.DELETED ? "The selected mailbox was deleted"
                : "The selected mailbox's UIDVALIDITY changed; please reconnect";
    }

    private SelectedView.Sink sink(ImapWriter w) {
        return new UntaggedSink(w, reportRecent());
    }

    /** The sink that writes to this session's output (own EXPUNGE/MOVE). */
    public SelectedView.Sink outSink() {
        return sink(out);
    }

    /** {@code FLAGS (...)} of a message, with \Recent for rev1 sessions when it is recent here. */
    public void writeFlags(ImapWriter w, MessageMeta meta, boolean recent) {
        UntaggedSink.writeFlags(w, meta, recent && reportRecent());
    }

    // ---- output ----

    public ImapWriter out() {
        return out;
    }

    /** Hands collected output to the connection and flushes once. */
    public void flush() {
        conn.writeLock().lock();
        try {
            out.sendTo(conn);
            conn.flush();
        } finally {
            conn.writeLock().unlock();
        }
    }

    void lockedWrite(java.util.function.Consumer<ImapWriter> f) {
        ImapWriter w = new ImapWriter().utf8(utf8);
        f.accept(w);
        conn.writeLock().lock();
        try {
            w.sendTo(conn);
            conn.flush();
        } finally {
            conn.writeLock().unlock();
        }
    }

    // ---- state used by commands ----

    public State state() {
        return state;
    }

    public ImapConfig config() {
        return config;
    }

    public Connection conn() {
        return conn;
    }

    public ConnectionInfo info() {
        return info;
    }

    public AuthService auth() {
        return auth;
    }

    public AuthContext authContext() {
        return new AuthContext("imap", info.remote(), conn.tls().isPresent(), info.sessionId());
    }

    public UserMailboxes mailboxes() {
        return mailboxes;
    }

    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    public SelectedView view() {
        if (view == null) throw ImapException.bad("No mailbox selected");
        return view;
    }

    public boolean hasView() {
        return view != null;
    }

    public boolean rev2() {
        return rev2;
    }

    public boolean utf8() {
        return utf8;
    }

    /** \Recent and RECENT are reported only to IMAP4rev1 sessions, and only when configured. */
    public boolean reportRecent() {
        return config.recent() && !rev2;
    }

    public void enableRev2() {
        rev2 = true;
    }

    public void enableUtf8() {
        utf8 = true;
        out.utf8(true);
    }

    public UidSet savedResult() {
        return saved;
    }

    public void savedResult(UidSet s) {
        saved = s;
    }

    public Map<String, Command> commands() {
        return commands;
    }

    /** Logs the user in: opens their mailboxes and moves to the authenticated state. */
    public void loggedIn(Principal p, String mechanism) {
        try {
            mailboxes = store.open(p.name(), new Origin(info.sessionId()));
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "[" + info.sessionId() + "] cannot open mailboxes of " + p.name() + ": " + e);
            throw ImapException.no("UNAVAILABLE", "Mailboxes are not available, try again later");
        }
        principal = p;
        state = State.AUTHENTICATED;
        consecutiveBad = 0;
        conn.events().authenticated(p.name(), mechanism);
        quotaAlert();
    }

    /** RFC 9051 §7.1 ALERT: tells the user at login when their storage is nearly full. */
    private void quotaAlert() {
        try {
            mailboxes.quota().ifPresent(q -> {
                int pct = (int) Math.max(percent(q.usedBytes(), q.maxBytes()), percent(q.usedMessages(), q.maxMessages()));
                if (pct >= QUOTA_ALERT_PERCENT) {
                    out.untaggedStatus("OK", "ALERT", "Your mailbox is " + Math.min(pct, 100) + "% full");
                }
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "[" + info.sessionId() + "] quota unavailable: " + e);
        }
    }

    private static long percent(long used, long max) {
        return max > 0 ? used * 100 / max : 0;
    }

    /** RFC 8437 UNAUTHENTICATE: back to the not-authenticated state. */
    public void unauthenticate() {
        closeView();
        closeMailboxes();
        principal = null;
        rev2 = false;
        utf8 = false;
        out.utf8(false);
        saved = UidSet.empty();
        state = State.NOT_AUTHENTICATED;
    }

    /** Makes {@code v} the selected mailbox (closing any previous one). */
    public void select(SelectedView v) {
        closeView();
        view = v;
        saved = UidSet.empty();
        state = State.SELECTED;
    }

    /** Leaves the selected state without expunging. */
    public void unselect() {
        closeView();
        saved = UidSet.empty();
        if (state == State.SELECTED) state = State.AUTHENTICATED;
    }

    private void closeView() {
        if (view != null) view.close();
        view = null;
    }

    private void closeMailboxes() {
        if (mailboxes != null) {
            try {
                mailboxes.close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "[" + info.sessionId() + "] closing mailboxes failed", e);
            }
        }
        mailboxes = null;
    }

    public SessionStore store() {
        return store;
    }

    /** Null when \Recent is not tracked. */
    public RecentTracker recentTracker() {
        return config.recent() ? recentTracker : null;
    }

    /** LOGOUT: BYE is written by the command; the connection closes after the tagged OK. */
    public void logout(String tag) {
        out.untaggedStatus("BYE", null, "Logging out");
        out.tagged(tag, "OK", null, "Logout completed");
        flush();
        state = State.LOGOUT;
        conn.close();
    }

    /** STARTTLS: flushes the tagged OK, then the connection handshakes; nothing more is read. */
    public void startTls(String tag) {
        out.tagged(tag, "OK", null, "Begin TLS negotiation now");
        flush();
        tlsStarting = true;
        conn.startTls();
    }

    // ---- names ----

    public char delimiter() {
        return DELIMITER;
    }

    /** A client mailbox name (already decoded) as a path; BAD for names with empty segments. */
    public MailboxPath path(String name) {
        String n = name;
        if (n.endsWith(String.valueOf(DELIMITER)) && n.length() > 1) n = n.substring(0, n.length() - 1);
        try {
            return MailboxPath.parse(n, DELIMITER);
        } catch (IllegalArgumentException e) {
            throw ImapException.no("CANNOT", "Invalid mailbox name");
        }
    }

    public String name(MailboxPath p) {
        return p.join(DELIMITER);
    }

    // ---- capabilities ----

    /** The capabilities for the current state and connection (RFC 9051 §6.1.1). */
    public List<String> capabilities() {
        List<String> caps = new ArrayList<>();
        caps.add("IMAP4rev1");
        if (config.enabled("IMAP4rev2")) caps.add("IMAP4rev2");
        if (state == State.NOT_AUTHENTICATED) {
            AuthContext ctx = authContext();
            if (conn.startTlsAvailable() && config.enabled("STARTTLS")) caps.add("STARTTLS");
            if (!auth.plaintextAllowed(ctx)) caps.add("LOGINDISABLED");
            for (String m : auth.mechanisms(ctx)) caps.add("AUTH=" + m.toUpperCase(Locale.ROOT));
            if (config.enabled("SASL-IR")) caps.add("SASL-IR");
        }
        caps.addAll(staticCapabilities);
        return caps;
    }

    /** Sends {@code + Ready} for an accepted synchronizing literal. */
    void literalContinuation() {
        out.raw("+ Ready for literal data").crlf();
        flush();
    }
}
