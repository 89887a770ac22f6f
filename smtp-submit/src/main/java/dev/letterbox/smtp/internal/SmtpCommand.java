package dev.letterbox.smtp.internal;

import dev.letterbox.smtp.MailFrom;
import dev.letterbox.smtp.RcptTo;
import java.util.Optional;

/**
 * A syntactically valid SMTP command line (RFC 5321 §4.1), as produced by {@link CommandParser}.
 * Whether it is allowed in the session's current state is the machine's business.
 */
public sealed interface SmtpCommand {
    /** The verb as reported to connection events (upper case; {@code UNKNOWN} for unrecognised ones). */
    String verb();

    /** RFC 2920 §3.1 (and RFC 3030, 3207, 4954): the command must be the last of a pipelined group. */
    default boolean endsGroup() {
        return false;
    }

    /** EHLO (extended) or HELO. */
    record Hello(String domain, boolean extended) implements SmtpCommand {
        @Override
        public String verb() {
            return extended ? "EHLO" : "HELO";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    record Mail(MailFrom from) implements SmtpCommand {
        @Override
        public String verb() {
            return "MAIL";
        }
    }

    record Rcpt(RcptTo to) implements SmtpCommand {
        @Override
        public String verb() {
            return "RCPT";
        }
    }

    record Data() implements SmtpCommand {
        @Override
        public String verb() {
            return "DATA";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    /** RFC 3030 {@code BDAT chunk-size [LAST]}. */
    record Bdat(long size, boolean last) implements SmtpCommand {
        @Override
        public String verb() {
            return "BDAT";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    record Rset() implements SmtpCommand {
        @Override
        public String verb() {
            return "RSET";
        }
    }

    record Noop() implements SmtpCommand {
        @Override
        public String verb() {
            return "NOOP";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    record Quit() implements SmtpCommand {
        @Override
        public String verb() {
            return "QUIT";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    record Vrfy(String argument) implements SmtpCommand {
        @Override
        public String verb() {
            return "VRFY";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    record Help() implements SmtpCommand {
        @Override
        public String verb() {
            return "HELP";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    record StartTls() implements SmtpCommand {
        @Override
        public String verb() {
            return "STARTTLS";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    /** RFC 4954 {@code AUTH mechanism [initial-response]}; the response is still base64 here. */
    record Auth(String mechanism, Optional<String> initialResponse) implements SmtpCommand {
        @Override
        public String verb() {
            return "AUTH";
        }

        @Override
        public boolean endsGroup() {
            return true;
        }
    }

    /** A known RFC 5321 verb this server does not implement (EXPN, TURN, ...): 502. */
    record NotImplemented(String verb) implements SmtpCommand {
    }

    /** Anything else, including an empty line: 500. */
    record Unknown(boolean empty) implements SmtpCommand {
        @Override
        public String verb() {
            return "UNKNOWN";
        }
    }
}
