package dev.letterbox.imap4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed arguments of every command get a tagged BAD whose text says what is wrong, and the
 * connection stays usable (RFC 9051 §7.1.5).
 */
class CommandSyntaxTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "CAPABILITY x | Unexpected characters at end of command",
        "NOOP x | Unexpected characters at end of command",
        "SELECT | Expected a space but the command ended",
        "SELECT INBOX (CONDSTORE) | SELECT parameters (CONDSTORE, QRESYNC) are not supported",
        "EXAMINE \"unterminated | Unterminated quoted string",
        "CREATE &Jjo! | Invalid modified UTF-7 in mailbox name",
        "CREATE Foo (USE) | Expected a space at ')'",
        "DELETE | Expected a space",
        "RENAME a | Expected a space",
        "SUBSCRIBE | Expected a space",
        "LIST \"\" | Expected a space",
        "LIST (BOGUS) \"\" * | Unknown LIST selection option BOGUS",
        "LIST \"\" * RETURN (BOGUS) | Unknown LIST return option BOGUS",
        "LIST (RECURSIVEMATCH) \"\" * | RECURSIVEMATCH needs another selection option",
        "STATUS INBOX MESSAGES | Expected '('",
        "STATUS INBOX (MESSAGES BOGUS) | Unknown STATUS item BOGUS",
        "APPEND INBOX | Missing message literal",
        "ENABLE | Expected a space",
        "ID (\"a\") | Expected a space",
        "NAMESPACE x | Unexpected characters",
        "FETCH 1 | Expected a space",
        "FETCH 0 FLAGS | Sequence number 0 is not valid",
        "FETCH x FLAGS | Expected a sequence number or '*'",
        "STORE 1 FLAGS | Expected a space",
        "STORE 1 BOGUS (\\Seen) | Expected FLAGS, +FLAGS or -FLAGS",
        "STORE 1 +FLAGS (\\Seen | Expected ')'",
        "COPY 1 | Expected a space",
        "MOVE | Expected a space",
        "SEARCH | Missing search criteria",
        "SEARCH BOGUS | Unknown search key BOGUS",
        "SEARCH SINCE 1-Foo-2020 | Invalid month",
        "SEARCH LARGER x | Expected a number",
        "SEARCH RETURN (BOGUS) ALL | Unknown RETURN option BOGUS",
        "SEARCH ((((((((((((((((((((((((((((((((((((ALL)))))))))))))))))))))))))))))))))))) | Search criteria nested too deeply",
        "UID BOGUS 1 | Unknown command UID BOGUS",
        "UID EXPUNGE | Expected a space",
        "EXPUNGE 1 | Unexpected characters",
        "AUTHENTICATE | Log in first",
    })
    void malformed_arguments_get_bad_with_a_precise_text(String command, String text) {
        check(command, text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "APPEND INBOX (\\Bogus) {1+}| Invalid flag \\Bogus",
        "APPEND INBOX \"32-Jan-2020 00:00:00 +0000\" {1+}| Invalid date",
    })
    void malformed_append_arguments_with_a_literal(String command, String text) {
        check(command + "\r\nx", text);
    }

    private static void check(String command, String text) {
        ImapHarness h = new ImapHarness();
        h.deliver("alice", ImapHarness.msg("x"));
        var c = h.alice();
        c.ok("s SELECT INBOX");
        String out = c.send("t " + command);
        String last = ImapHarness.Client.lastLine(out);
        if (text.equals("Log in first")) {
            assertThat(last).isEqualTo("t BAD Command not valid in this state");
        } else {
            assertThat(last).startsWith("t BAD ").contains(text);
        }
        c.ok("n NOOP");
    }
}
