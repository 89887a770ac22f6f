package dev.letterbox.smtp.internal;

import dev.letterbox.smtp.SmtpException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command-line codec: one decoded line (without CRLF) to an {@link SmtpCommand}, or an
 * {@link SmtpException} carrying the syntax reply (501, 553, 555). Pure; the parameters a command
 * may carry depend only on the negotiated {@link Context}.
 */
public final class CommandParser {
    private static final Pattern BDAT = Pattern.compile("([0-9]{1,18})( +LAST)? *", Pattern.CASE_INSENSITIVE);
    private static final List<String> NOT_IMPLEMENTED = List.of("TURN", "ETRN", "ATRN", "SEND", "SOML", "SAML", "BURL", "EXPN");

    /**
     * What the session negotiated so far.
     *
     * @param extensions   the ESMTP parameters allowed on MAIL and RCPT
     * @param chunking     BDAT is available (CHUNKING advertised in EHLO)
     * @param utf8Envelope the transaction's MAIL carried SMTPUTF8, so RCPT addresses may be UTF-8
     */
    public record Context(Envelope.Extensions extensions, boolean chunking, boolean utf8Envelope) {
    }

    private CommandParser() {
    }

    public static SmtpCommand parse(String line, Context ctx) {
        int sp = line.indexOf(' ');
        String verb = (sp < 0 ? line : line.substring(0, sp)).toUpperCase(Locale.ROOT);
        String args = sp < 0 ? "" : line.substring(sp + 1);
        return switch (verb) {
            case "EHLO", "HELO" -> hello(verb, args);
            case "MAIL" -> new SmtpCommand.Mail(Envelope.parseMail(args, ctx.extensions()));
            case "RCPT" -> new SmtpCommand.Rcpt(Envelope.parseRcpt(args, ctx.extensions(), ctx.utf8Envelope()));
            case "DATA" -> noArgs(args, "DATA", new SmtpCommand.Data());
            case "BDAT" -> ctx.chunking() ? bdat(args) : new SmtpCommand.NotImplemented("BDAT");
            case "RSET" -> noArgs(args, "RSET", new SmtpCommand.Rset());
            case "NOOP" -> new SmtpCommand.Noop(); // RFC 5321 §4.1.1.9: a parameter is ignored
            case "QUIT" -> new SmtpCommand.Quit();
            case "VRFY" -> {
                if (args.isBlank()) throw syntax("Syntax: VRFY address");
                yield new SmtpCommand.Vrfy(args.trim());
            }
            case "HELP" -> new SmtpCommand.Help();
            case "STARTTLS" -> noArgs(args, "STARTTLS", new SmtpCommand.StartTls());
            case "AUTH" -> auth(args);
            default -> NOT_IMPLEMENTED.contains(verb) ? new SmtpCommand.NotImplemented(verb) : new SmtpCommand.Unknown(line.isEmpty());
        };
    }

    private static SmtpCommand hello(String verb, String args) {
        String domain = args.trim();
        int sp = domain.indexOf(' ');
        if (sp >= 0) domain = domain.substring(0, sp);
        if (domain.isEmpty() || !domain.chars().allMatch(ch -> ch > 32 && ch != 127)) throw syntax("Syntax: " + verb + " hostname");
        return new SmtpCommand.Hello(domain, verb.equals("EHLO"));
    }

    private static SmtpCommand bdat(String args) {
        Matcher m = BDAT.matcher(args);
        if (!m.matches()) throw syntax("Syntax: BDAT chunk-size [LAST]");
        return new SmtpCommand.Bdat(Long.parseLong(m.group(1)), m.group(2) != null);
    }

    private static SmtpCommand auth(String args) {
        String[] parts = args.trim().split(" +");
        if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) throw syntax("Syntax: AUTH mechanism [initial-response]");
        return new SmtpCommand.Auth(parts[0].toUpperCase(Locale.ROOT), parts.length == 2 ? Optional.of(parts[1]) : Optional.empty());
    }

    private static SmtpCommand noArgs(String args, String verb, SmtpCommand cmd) {
        if (!args.isBlank()) throw syntax("Syntax: " + verb);
        return cmd;
    }

    private static SmtpException syntax(String text) {
        return new SmtpException(501, "5.5.4", text);
    }
}
