package dev.letterbox.imap4.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.letterbox.imap4.internal.Command.Request;
import dev.letterbox.imap4.internal.ImapException;
import dev.letterbox.imap4.internal.codec.Cursor;
import org.junit.jupiter.api.Test;

/** The shared argument steps end a command with BAD exactly when the line does not fit (RFC 9051 §9). */
class ArgsTest {
    private static Request request(String args) {
        return new Request("a", "DELETE", false, Cursor.of(args));
    }

    @Test
    void only_mailbox_decodes_a_quoted_or_modified_utf7_name() {
        assertThat(Args.onlyMailbox(request(" \"My Box\""))).isEqualTo("My Box");
        assertThat(Args.onlyMailbox(request(" Entw&APw-rfe"))).isEqualTo("Entwürfe");
    }

    @Test
    void only_mailbox_is_bad_with_a_second_argument_or_none() {
        for (String args : new String[] {" A B", "", " "}) {
            ImapException e = catchThrowableOfType(() -> Args.onlyMailbox(request(args)), ImapException.class);
            assertThat(e).as("args %s", args).isNotNull();
            assertThat(e.result().isBad()).as("args %s", args).isTrue();
        }
    }

    @Test
    void none_accepts_an_empty_line_and_refuses_arguments() {
        Args.none(request(""));
        ImapException e = catchThrowableOfType(() -> Args.none(request(" extra")), ImapException.class);
        assertThat(e.result().isBad()).isTrue();
    }

    @Test
    void check_keeps_the_first_error_of_the_cursor() {
        Cursor c = Cursor.of("x");
        c.fail("first");
        c.fail("second");
        ImapException e = catchThrowableOfType(() -> Args.check(c), ImapException.class);
        assertThat(e.result().text()).isEqualTo("first");
    }
}
