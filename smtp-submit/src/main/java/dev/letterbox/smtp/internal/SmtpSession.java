package dev.letterbox.smtp.internal;

import dev.letterbox.core.auth.AuthContext;
import dev.letterbox.core.auth.Principal;
import dev.letterbox.core.net.Connection;
import dev.letterbox.core.net.ConnectionInfo;
import dev.letterbox.core.net.ProtocolSession;
import dev.letterbox.core.store.MessageSource;
import dev.letterbox.smtp.MailFrom;
import dev.letterbox.smtp.RcptTo;
import dev.letterbox.smtp.SmtpException;
import dev.letterbox.smtp.SubmissionContext;
import dev.letterbox.smtp.SubmissionSession;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SMTP submission machine for one connection (RFC 5321, RFC 6409), sans-I/O. Modes: command
 * lines, a SASL exchange, DATA (dot-stuffed stream) and BDAT (counted chunk). Replies are buffered and
 * flushed once per pipelined group (RFC 2920 §3.1): after a command that must end a group, and when
 * the input read is used up.
 */
public final class SmtpSession implements ProtocolSession {
    private static final System.Logger LOG = System.getLogger(SmtpSession.class.getName());

    private enum Mode { COMMAND, SKIP_LINE, DATA, BDAT }

    private final SmtpConfig cfg;
    private final ConnectionInfo info;
    private Connection conn;
    private Mode mode = Mode.COMMAND;
    private boolean stop;
    private boolean pendingOutput;
    private int errors;

    // connection state
    private String helo;
    private boolean esmtp;
    private Principal principal;
    private String authMechanism;
    private SubmissionSession handlerSession;
    private final SaslDialog sasl;

    // transaction state
    private MailFrom mail;
    private final List<RcptTo> rcpts = new ArrayList<>();
    private Spool spool;
    private ContentSink sink;
    private DataDecoder decoder;
    private boolean bdatUsed;
    private boolean bdatFailed;
    private long bdatRemaining;
    private long bdatChunk;
    private boolean bdatLast;
    private SmtpException bdatDiscard;

    public SmtpSession(SmtpConfig cfg, ConnectionInfo info) {
        this.cfg = cfg;
        this.info = info;
        this.sasl = new SaslDialog(cfg.auth(), new DialogHost());
    }

    // ---------------------------------------------------------------- ProtocolSession

    @Override
    public void start(Connection c) {
        conn = c;
        c.setReadTimeout(cfg.commandTimeout());
        reply(220, null, cfg.hostname() + " ESMTP Letterbox submission ready");
        flush();
    }

    @Override
    public void receive(ByteBuffer in, Connection c) {
        conn = c;
        stop = false;
        try {
            while (!stop && c.isOpen() && in.hasRemaining()) {
                boolean progress = switch (mode) {
                    case COMMAND -> readLine(in);
                    case SKIP_LINE -> skipLine(in);
                    case DATA -> readData(in);
                    case BDAT -> readBdat(in);
                };
                if (!progress) break;
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, () -> "[" + info.sessionId() + "] internal error", e);
            reply(421, "4.3.0", cfg.hostname() + " Internal error, closing connection");
            closeConnection();
        } finally {
            if (!stop && c.isOpen()) flush();
        }
    }

    @Override
    public void timedOut(Connection c) {
        conn = c;
        reply(421, "4.4.2", cfg.hostname() + " Timeout, closing connection");
        flush();
    }

    @Override
    public void shutdown(Connection c) {
        conn = c;
        reply(421, "4.3.2", cfg.hostname() + " Service shutting down, closing connection");
        flush();
    }

    @Override
    public void closed() {
        sasl.abort();
        resetTransaction();
        closeHandlerSession();
    }

    // ---------------------------------------------------------------- input framing

    private boolean readLine(ByteBuffer in) {
        int start = in.position();
        int limit = in.limit();
        int scanEnd = Math.min(limit, start + cfg.maxLineLength());
        int lf = -1;
        for (int i = start; i < scanEnd; i++) {
            if (in.get(i) == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            if (limit - start >= cfg.maxLineLength()) { // RFC 5321 §4.5.3.1.4: bound, consume, reject
                in.position(scanEnd);
                sasl.abort();
                mode = Mode.SKIP_LINE;
                return true;
            }
            return false;
        }
        int end = lf > start && in.get(lf - 1) == '\r' ? lf - 1 : lf;
        byte[] line = new byte[end - start];
        in.get(line);
        in.position(lf + 1);
        if (sasl.active()) {
            authResponse(line);
        } else {
            command(line);
        }
        return true;
    }

    private boolean skipLine(ByteBuffer in) {
        for (int i = in.position(); i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                in.position(i + 1);
                mode = Mode.COMMAND;
                fail(500, "5.5.2", "Line too long");
                return true;
            }
        }
        in.position(in.limit());
        return false;
    }

    private boolean readData(ByteBuffer in) {
        if (!decoder.feed(in)) return false;
        mode = Mode.COMMAND;
        conn.setReadTimeout(cfg.commandTimeout());
        finishMessage();
        return true;
    }

    private boolean readBdat(ByteBuffer in) {
        int n = (int) Math.min(bdatRemaining, in.remaining());
        if (bdatDiscard != null || sink == null) {
            in.position(in.position() + n);
        } else if (in.hasArray()) {
            sink.write(in.array(), in.arrayOffset() + in.position(), n);
            in.position(in.position() + n);
        } else {
            byte[] b = new byte[n];
            in.get(b);
            sink.write(b, 0, n);
        }
        bdatRemaining -= n;
        if (bdatRemaining == 0) completeChunk();
        return true;
    }

    // ---------------------------------------------------------------- commands

    private void command(byte[] raw) {
        String line = decode(raw);
        if (line == null) {
            conn.events().clientLine("<invalid bytes>");
            fail(500, "5.5.2", "Invalid characters in command");
            if (!cfg.pipelining()) flush();
            return;
        }
        SmtpCommand cmd = null;
        try {
            cmd = CommandParser.parse(line, parseContext());
        } catch (SmtpException e) {
            conn.events().clientLine(line);
            fail(e.code(), e.enhancedCode(), e.text());
        }
        if (cmd != null) {
            conn.events().command(cmd.verb());
            conn.events().clientLine(cmd instanceof SmtpCommand.Auth a ? "AUTH " + a.mechanism()
                    + (a.initialResponse().isPresent() ? " <redacted>" : "") : line);
            try {
                dispatch(cmd);
            } catch (SmtpException e) {
                fail(e.code(), e.enhancedCode(), e.text());
            }
        }
        if (!cfg.pipelining() || cmd == null && syncVerb(line) || cmd != null && cmd.endsGroup()) flush();
    }

    private void dispatch(SmtpCommand cmd) {
        if (cmd instanceof SmtpCommand.Hello h) hello(h);
        else if (cmd instanceof SmtpCommand.Mail m) mail(m.from());
        else if (cmd instanceof SmtpCommand.Rcpt r) rcpt(r.to());
        else if (cmd instanceof SmtpCommand.Data) data();
        else if (cmd instanceof SmtpCommand.Bdat b) bdat(b);
        else if (cmd instanceof SmtpCommand.Rset) rset();
        else if (cmd instanceof SmtpCommand.Noop) reply(250, "2.0.0", "OK");
        else if (cmd instanceof SmtpCommand.Quit) quit();
        else if (cmd instanceof SmtpCommand.Vrfy) {
            // RFC 5321 §3.5.3: 252 when the server will not verify but will accept
            reply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
        } else if (cmd instanceof SmtpCommand.Help) {
            reply(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH;"
                    + " see RFC 5321 and RFC 6409");
        } else if (cmd instanceof SmtpCommand.StartTls) startTls();
        else if (cmd instanceof SmtpCommand.Auth a) auth(a);
        else if (cmd instanceof SmtpCommand.NotImplemented) reply(502, "5.5.1", "Command not implemented");
        else if (cmd instanceof SmtpCommand.Unknown u) fail(500, "5.5.2", u.empty() ? "Empty command" : "Command unrecognized");
    }

    private CommandParser.Context parseContext() {
        Envelope.Extensions ext = esmtp
                ? new Envelope.Extensions(true, cfg.eightBitMime(), cfg.smtpUtf8() && cfg.eightBitMime(), cfg.dsn(), true)
                : new Envelope.Extensions(false, false, false, false, false);
        return new CommandParser.Context(ext, cfg.chunking() && esmtp, mail != null && mail.smtpUtf8());
    }

    /** A command with a syntax error still ends its group if its verb does. */
    private static boolean syncVerb(String line) {
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "EHLO", "HELO", "DATA", "BDAT", "STARTTLS", "AUTH", "QUIT", "NOOP", "VRFY", "HELP" -> true;
            default -> false;
        };
    }

    private void hello(SmtpCommand.Hello h) {
        String domain = h.domain();
        boolean extended = h.extended();
        resetTransaction();
        closeHandlerSession(); // the context (helo) changes
        helo = domain;
        esmtp = extended;
        if (!extended) {
            reply(250, null, cfg.hostname());
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(cfg.hostname() + " greets " + domain);
        if (cfg.pipelining()) lines.add("PIPELINING");
        lines.add("SIZE " + (cfg.maxMessageSize() == Long.MAX_VALUE ? 0 : cfg.maxMessageSize()));
        if (cfg.eightBitMime()) lines.add("8BITMIME");
        if (cfg.smtpUtf8() && cfg.eightBitMime()) lines.add("SMTPUTF8");
        if (cfg.enhancedStatusCodes()) lines.add("ENHANCEDSTATUSCODES");
        if (cfg.chunking()) lines.add("CHUNKING");
        if (cfg.dsn()) lines.add("DSN");
        if (cfg.startTls() && conn.startTlsAvailable()) lines.add("STARTTLS");
        if (principal == null) {
            List<String> mechs = cfg.auth().mechanisms(authContext());
            if (!mechs.isEmpty()) lines.add("AUTH " + String.join(" ", mechs));
        }
        lines.add("HELP");
        reply(250, null, lines.toArray(String[]::new));
    }

    private void mail(MailFrom m) {
        if (helo == null) throw new SmtpException(503, "5.5.1", "Send EHLO first");
        if (cfg.requireAuth() && principal == null) throw new SmtpException(530, "5.7.0", "Authentication required");
        if (mail != null) throw new SmtpException(503, "5.5.1", "Nested MAIL command");
        if (m.size().isPresent() && m.size().getAsLong() > cfg.maxMessageSize()) {
            reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
            return;
        }
        if (principal != null && !cfg.senderPolicy().permits(principal, m.address())) {
            reply(550, "5.7.1", "Sender address not permitted for this user");
            return;
        }
        try {
            if (handlerSession == null) handlerSession = cfg.handler().open(context());
            handlerSession.mailFrom(m);
        } catch (RuntimeException e) {
            replyFailure(e);
            return;
        }
        mail = m;
        reply(250, "2.1.0", "Sender OK");
    }

    private void rcpt(RcptTo r) {
        if (mail == null) throw new SmtpException(503, "5.5.1", "Need MAIL before RCPT");
        if (bdatUsed) throw new SmtpException(503, "5.5.1", "RCPT not allowed during BDAT transfer");
        if (rcpts.size() >= cfg.maxRecipients()) {
            reply(452, "4.5.3", "Too many recipients"); // RFC 5321 §4.5.3.1.10
            return;
        }
        try {
            handlerSession.rcptTo(r);
        } catch (RuntimeException e) {
            replyFailure(e);
            return;
        }
        rcpts.add(r);
        reply(250, "2.1.5", "Recipient OK");
    }

    private void data() {
        if (mail == null) throw new SmtpException(503, "5.5.1", "Need MAIL command");
        if (bdatUsed) throw new SmtpException(503, "5.5.1", "DATA not allowed after BDAT");
        if (rcpts.isEmpty()) {
            reply(554, "5.5.1", "No valid recipients"); // RFC 2920 §3.1
            return;
        }
        startContent();
        decoder = new DataDecoder(sink);
        mode = Mode.DATA;
        conn.setReadTimeout(cfg.dataTimeout());
        reply(354, null, "End data with <CR><LF>.<CR><LF>");
    }

    private void bdat(SmtpCommand.Bdat b) {
        bdatChunk = b.size();
        bdatRemaining = bdatChunk;
        bdatLast = b.last();
        // RFC 3030 §3: the chunk is always read, even when it is refused
        if (mail == null) bdatDiscard = new SmtpException(503, "5.5.1", "Need MAIL command");
        else if (rcpts.isEmpty()) bdatDiscard = new SmtpException(554, "5.5.1", "No valid recipients");
        else if (bdatFailed) bdatDiscard = new SmtpException(503, "5.5.1", "Transaction failed, send RSET");
        else if (!bdatUsed) {
            bdatUsed = true;
            startContent();
        }
        mode = Mode.BDAT;
        conn.setReadTimeout(cfg.dataTimeout());
        if (bdatRemaining == 0) completeChunk();
    }

    private void completeChunk() {
        mode = Mode.COMMAND;
        conn.setReadTimeout(cfg.commandTimeout());
        if (bdatDiscard != null) {
            SmtpException e = bdatDiscard;
            bdatDiscard = null;
            if (bdatLast && mail != null) resetTransaction();
            if (e.code() == 503) fail(e.code(), e.enhancedCode(), e.text());
            else reply(e.code(), e.enhancedCode(), e.text());
        } else if (bdatLast) {
            finishMessage();
        } else if (sink.tooBig() || sink.storageFailed()) {
            bdatFailed = true;
            boolean tooBig = sink.tooBig();
            closeSpool();
            if (tooBig) reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
            else reply(452, "4.3.1", "Insufficient system storage");
        } else {
            reply(250, "2.0.0", bdatChunk + " octets received");
        }
        flush();
    }

    private void startContent() {
        closeSpool();
        spool = new Spool(cfg.spoolMemoryThreshold(), cfg.spoolDirectory());
        sink = new ContentSink(spool, cfg.lineEndings(), cfg.maxMessageSize());
    }

    private void finishMessage() {
        try {
            sink.finish();
            if (sink.tooBig()) {
                reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
            } else if (sink.storageFailed()) {
                reply(452, "4.3.1", "Insufficient system storage");
            } else if (sink.rejectedForLineEndings()) {
                // RFC 5321 §2.3.8: CR and LF only as CRLF; bare ones are refused (SMTP smuggling)
                reply(550, "5.6.0", "Message contains bare CR or LF characters; use CRLF line endings");
            } else {
                deliver();
            }
        } finally {
            resetTransaction();
        }
    }

    private void deliver() {
        List<String> to = rcpts.stream().map(RcptTo::address).toList();
        ByteBuffer head = cfg.addDate() || cfg.addMessageId() ? spool.head(TraceHeaders.HEADER_SCAN_LIMIT) : ByteBuffer.allocate(0);
        byte[] prefix = TraceHeaders.build(cfg, context(), mail.smtpUtf8(), to, head);
        MessageSource message = spool.toSource(prefix);
        try {
            handlerSession.data(message);
        } catch (RuntimeException e) {
            replyFailure(e);
            return;
        }
        reply(250, "2.0.0", "Message accepted for delivery");
    }

    private void rset() {
        resetTransaction();
        reply(250, "2.0.0", "Reset OK");
    }

    private void quit() {
        reply(221, "2.0.0", cfg.hostname() + " closing connection");
        closeConnection();
    }

    private void startTls() {
        if (conn.tls().isPresent()) throw new SmtpException(503, "5.5.1", "TLS already active");
        if (!cfg.startTls() || !conn.startTlsAvailable()) {
            reply(454, "4.7.0", "TLS not available");
            return;
        }
        if (mail != null) throw new SmtpException(503, "5.5.1", "STARTTLS not allowed during a mail transaction");
        reply(220, "2.0.0", "Ready to start TLS");
        flush();
        // RFC 3207 §4.2: forget everything learned before TLS; input after the command is TLS input
        resetTransaction();
        closeHandlerSession();
        helo = null;
        esmtp = false;
        principal = null;
        authMechanism = null;
        conn.startTls();
        stop = true;
    }

    // ---------------------------------------------------------------- AUTH (RFC 4954)

    private void auth(SmtpCommand.Auth a) {
        if (helo == null || !esmtp) throw new SmtpException(503, "5.5.1", "Send EHLO first");
        if (principal != null) throw new SmtpException(503, "5.5.1", "Already authenticated");
        if (mail != null) throw new SmtpException(503, "5.5.1", "AUTH not allowed during a mail transaction");
        sasl.start(a.mechanism(), a.initialResponse(), authContext());
    }

    private void authResponse(byte[] raw) {
        conn.events().clientLine("<sasl response>");
        sasl.response(raw);
        flush();
    }

    private final class DialogHost implements SaslDialog.Host {
        @Override
        public void reply(int code, String enhanced, String... lines) {
            SmtpSession.this.reply(code, enhanced, lines);
        }

        @Override
        public void fail(int code, String enhanced, String text) {
            SmtpSession.this.fail(code, enhanced, text);
        }

        @Override
        public void authenticated(Principal p, String mechanism) {
            principal = p;
            authMechanism = mechanism;
            conn.events().authenticated(p.name(), mechanism);
            SmtpSession.this.reply(235, "2.7.0", "Authentication successful");
        }

        @Override
        public void authenticationFailed(String mechanism) {
            conn.events().authenticationFailed("", mechanism);
        }
    }

    // ---------------------------------------------------------------- helpers

    private AuthContext authContext() {
        return new AuthContext("smtp", info.remote(), conn.tls().isPresent(), info.sessionId());
    }

    private SubmissionContext context() {
        return new SubmissionContext(info.sessionId(), Optional.ofNullable(principal), Optional.ofNullable(authMechanism),
                info.remote(), helo, esmtp, conn.tls());
    }

    private void resetTransaction() {
        if (mail != null && handlerSession != null) {
            try {
                handlerSession.reset();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, () -> "[" + info.sessionId() + "] handler reset failed", e);
            }
        }
        mail = null;
        rcpts.clear();
        closeSpool();
        bdatUsed = false;
        bdatFailed = false;
    }

    private void closeSpool() {
        if (spool != null) spool.close();
        spool = null;
        sink = null;
        decoder = null;
    }

    private void closeHandlerSession() {
        if (handlerSession == null) return;
        try {
            handlerSession.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "[" + info.sessionId() + "] handler close failed", e);
        }
        handlerSession = null;
    }

    /** Maps handler and store failures to a reply; internal text is logged, never sent. */
    private void replyFailure(RuntimeException e) {
        SmtpException s = Failures.toSmtp(e, info.sessionId());
        reply(s.code(), s.enhancedCode(), s.text());
    }

    /** A client error: counts towards the protocol-error limit (then 421 and close). */
    private void fail(int code, String enh, String text) {
        reply(code, enh, text);
        if (++errors >= cfg.maxErrors()) {
            reply(421, "4.7.0", cfg.hostname() + " Too many errors, closing connection");
            closeConnection();
        }
    }

    private void closeConnection() {
        resetTransaction();
        stop = true;
        flush();
        conn.close();
    }

    private void reply(int code, String enhanced, String... lines) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < lines.length; i++) {
            int lineStart = sb.length();
            sb.append(code).append(i == lines.length - 1 ? ' ' : '-');
            if (enhanced != null && cfg.enhancedStatusCodes()) sb.append(enhanced).append(' ');
            sb.append(lines[i]);
            conn.events().serverLine(sb.substring(lineStart));
            sb.append("\r\n");
        }
        conn.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        pendingOutput = true;
    }

    private void flush() {
        if (pendingOutput) {
            pendingOutput = false;
            conn.flush();
        }
    }

    /** ASCII, or strict UTF-8 (RFC 6531); null for invalid bytes, NUL or a CR inside the line. */
    private static String decode(byte[] raw) {
        boolean ascii = true;
        for (byte b : raw) {
            if (b == 0 || b == '\r') return null;
            if (b < 0) ascii = false;
        }
        if (ascii) return new String(raw, StandardCharsets.ISO_8859_1);
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
