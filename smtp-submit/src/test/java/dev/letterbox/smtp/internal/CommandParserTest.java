package dev.letterbox.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.smtp.SmtpException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command-line codec (RFC 5321 §4.1): line in, typed command or syntax reply out. */
class CommandParserTest {
    static final CommandParser.Context ESMTP = new CommandParser.Context(new Envelope.Extensions(true, true, true, true, true), true, false);
    static final CommandParser.Context HELO = new CommandParser.Context(new Envelope.Extensions(false, false, false, false, false), false, false);

    static SmtpCommand parse(String line) {
        return CommandParser.parse(line, ESMTP);
    }

    static int code(String line, CommandParser.Context ctx) {
        try {
            CommandParser.parse(line, ctx);
            return 0;
        } catch (SmtpException e) {
            return e.code();
        }
    }

    @Test
    void each_verb_becomes_its_record() {
        assertThat(parse("ehlo client.example extra")).isEqualTo(new SmtpCommand.Hello("client.example", true));
        assertThat(parse("HELO [192.0.2.1]")).isEqualTo(new SmtpCommand.Hello("[192.0.2.1]", false));
        assertThat(parse("DATA")).isEqualTo(new SmtpCommand.Data());
        assertThat(parse("BDAT 10 last")).isEqualTo(new SmtpCommand.Bdat(10, true));
        assertThat(parse("BDAT 0")).isEqualTo(new SmtpCommand.Bdat(0, false));
        assertThat(parse("RSET")).isEqualTo(new SmtpCommand.Rset());
        assertThat(parse("NOOP anything")).isEqualTo(new SmtpCommand.Noop());
        assertThat(parse("QUIT")).isEqualTo(new SmtpCommand.Quit());
        assertThat(parse("VRFY  bob ")).isEqualTo(new SmtpCommand.Vrfy("bob"));
        assertThat(parse("HELP MAIL")).isEqualTo(new SmtpCommand.Help());
        assertThat(parse("STARTTLS")).isEqualTo(new SmtpCommand.StartTls());
        assertThat(parse("auth plain AGEAYg==")).isEqualTo(new SmtpCommand.Auth("PLAIN", Optional.of("AGEAYg==")));
        assertThat(parse("AUTH LOGIN")).isEqualTo(new SmtpCommand.Auth("LOGIN", Optional.empty()));
        assertThat(parse("EXPN list")).isEqualTo(new SmtpCommand.NotImplemented("EXPN"));
        assertThat(parse("XYZZY")).isEqualTo(new SmtpCommand.Unknown(false));
        assertThat(parse("")).isEqualTo(new SmtpCommand.Unknown(true));
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@b.example> SIZE=5")).from().size()).hasValue(5);
        assertThat(((SmtpCommand.Rcpt) parse("RCPT TO:<c@d.example>")).to().address()).isEqualTo("c@d.example");
    }

    @ParameterizedTest
    @CsvSource({"EHLO,501", "HELO ,501", "DATA x,501", "RSET x,501", "STARTTLS x,501", "VRFY,501", "AUTH,501",
            "AUTH A B C,501", "BDAT,501", "BDAT 1 2,501", "BDAT 1234567890123456789,501", "MAIL FROM:<a@b.example> X=1,555",
            "RCPT TO:<ü@b.example>,553"})
    void syntax_errors_carry_their_reply(String line, int code) {
        assertThat(code(line, ESMTP)).isEqualTo(code);
    }

    @Test
    void without_ehlo_no_parameters_and_no_bdat() {
        assertThat(code("MAIL FROM:<a@b.example> SIZE=5", HELO)).isEqualTo(555);
        assertThat(CommandParser.parse("BDAT 5", HELO)).isEqualTo(new SmtpCommand.NotImplemented("BDAT"));
    }

    @Test
    void group_enders_rfc2920_s3_1() {
        assertThat(parse("EHLO x").endsGroup()).isTrue();
        assertThat(parse("DATA").endsGroup()).isTrue();
        assertThat(parse("BDAT 1").endsGroup()).isTrue();
        assertThat(parse("NOOP").endsGroup()).isTrue();
        assertThat(parse("QUIT").endsGroup()).isTrue();
        assertThat(parse("MAIL FROM:<a@b.example>").endsGroup()).isFalse();
        assertThat(parse("RCPT TO:<a@b.example>").endsGroup()).isFalse();
        assertThat(parse("RSET").endsGroup()).isFalse();
        assertThatThrownBy(() -> parse("MAIL FROM:a@b")).isInstanceOf(SmtpException.class);
    }
}
