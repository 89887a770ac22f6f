package dev.letterbox.core.auth;

import static dev.letterbox.core.auth.CredentialRedactor.clientLine;
import static dev.letterbox.core.auth.CredentialRedactor.secretLiteralFollows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CredentialRedactorTest {

    @ParameterizedTest(name = "{0}: [{1}] -> [{2}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // IMAP LOGIN (RFC 9051 §6.2.3): atoms, quoted strings, literals
            "imap | a LOGIN alice s3cret                      | a LOGIN alice ***",
            "imap | a login alice s3cret                      | a login alice ***",
            "imap | A001 LOGIN \"alice smith\" \"p a\\\"ss\"   | A001 LOGIN \"alice smith\" ***",
            "imap | a LOGIN alice \"unterminated              | a LOGIN alice ***",
            "imap | a LOGIN \"unterminated user s3cret        | a LOGIN ***",
            "imap | a LOGIN alice                             | a LOGIN alice",
            "imap | a LOGIN                                   | a LOGIN",
            "imap | a LOGIN alice {6}                         | a LOGIN alice {6}",
            "imap | a LOGIN alice {6+}                        | a LOGIN alice {6+}",
            "imap | a LOGIN {5}                               | a LOGIN {5}",
            "imap | a LOGINX alice s3cret                     | a LOGINX alice s3cret",
            // IMAP AUTHENTICATE (RFC 9051 §6.2.2, SASL-IR RFC 4959)
            "imap | a AUTHENTICATE PLAIN AGFsaWNlAHMzY3JldA== | a AUTHENTICATE PLAIN ***",
            "imap | a authenticate xoauth2 dXNlcj1h           | a authenticate xoauth2 ***",
            "imap | a AUTHENTICATE SCRAM-SHA-256              | a AUTHENTICATE SCRAM-SHA-256",
            "imap | a SELECT INBOX                            | a SELECT INBOX",
            "imap | a                                         | a",
            // POP3 (RFC 1939, RFC 5034)
            "pop3 | USER alice                                | USER alice",
            "pop3 | PASS s3cret                               | PASS ***",
            "pop3 | pass my secret with spaces                | pass ***",
            "pop3 | PASS                                      | PASS",
            "pop3 | APOP mrose c4c9334bac560ecc979e58001b3e22fb | APOP mrose ***",
            "pop3 | AUTH PLAIN AGFsaWNlAHMzY3JldA==           | AUTH PLAIN ***",
            "pop3 | AUTH PLAIN                                | AUTH PLAIN",
            "pop3 | AUTH                                      | AUTH",
            "pop3 | RETR 1                                    | RETR 1",
            // SMTP (RFC 4954)
            "smtp | AUTH PLAIN AGFsaWNlAHMzY3JldA==           | AUTH PLAIN ***",
            "smtp | auth login YWxpY2U=                       | auth login ***",
            "smtp | AUTH LOGIN                                | AUTH LOGIN",
            "smtp | MAIL FROM:<a@example.com>                 | MAIL FROM:<a@example.com>",
            "submission | AUTH PLAIN AGFsaWNlAHMzY3JldA==     | AUTH PLAIN ***",
    })
    void redacts_credentials_in_command_lines(String protocol, String line, String expected) {
        assertThat(clientLine(protocol, line, false)).isEqualTo(expected);
    }

    @Test
    void tabs_and_repeated_spaces_do_not_let_secrets_through() {
        assertThat(clientLine("pop3", "PASS\ts3cret", false)).isEqualTo("PASS ***");
        assertThat(clientLine("smtp", "AUTH  PLAIN   AGFsaWNl", false)).isEqualTo("AUTH  PLAIN ***");
        assertThat(clientLine("imap", "a LOGIN\talice s3cret", false)).isEqualTo("a LOGIN ***");
        assertThat(clientLine("imap", "a LOGIN alice  s3cret", false)).doesNotContain("s3cret");
    }

    @Test
    void sasl_continuation_lines_are_masked_except_cancel() {
        for (String p : new String[] {"imap", "pop3", "smtp"}) {
            assertThat(clientLine(p, "AGFsaWNlAHMzY3JldA==", true)).isEqualTo("***");
            assertThat(clientLine(p, "", true)).isEqualTo("***");
            assertThat(clientLine(p, "*", true)).isEqualTo("*");
        }
    }

    @Test
    void imap_login_with_inline_literals_masks_the_password_literal() {
        assertThat(clientLine("imap", "a LOGIN {5}\r\nalice {6}\r\ns3cret", false)).isEqualTo("a LOGIN {5}\r\nalice ***");
        assertThat(clientLine("imap", "a LOGIN alice {6+}\r\ns3cret", false)).isEqualTo("a LOGIN alice ***");
        assertThat(clientLine("imap", "a LOGIN {5}\r\njürg s3cret", false)).as("literal counts octets")
                .isEqualTo("a LOGIN {5}\r\njürg ***");
        assertThat(clientLine("imap", "a LOGIN {5}\r\nalice {6}", false)).isEqualTo("a LOGIN {5}\r\nalice {6}");
        assertThat(clientLine("imap", "a LOGIN {50}\r\nalice s3cret", false)).as("short literal: unparseable").isEqualTo("a LOGIN ***");
        assertThat(clientLine("imap", "a LOGIN {5}alice s3cret", false)).isEqualTo("a LOGIN ***");
    }

    @Test
    void secret_literal_follows_only_for_the_login_password() {
        assertThat(secretLiteralFollows("imap", "a LOGIN alice {6}")).isTrue();
        assertThat(secretLiteralFollows("imap", "a login \"alice\" {6+}")).isTrue();
        assertThat(secretLiteralFollows("imap", "a LOGIN {5}\r\nalice {6}")).isTrue();
        assertThat(secretLiteralFollows("imap", "a LOGIN {5}")).as("user literal").isFalse();
        assertThat(secretLiteralFollows("imap", "a APPEND INBOX {6}")).isFalse();
        assertThat(secretLiteralFollows("imap", "a LOGIN alice {6}\r\ns3cret")).isFalse();
        assertThat(secretLiteralFollows("pop3", "a LOGIN alice {6}")).isFalse();
    }

    @Test
    void unknown_protocol_is_rejected() {
        assertThatThrownBy(() -> clientLine("ftp", "PASS x", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
