package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MAIL/RCPT syntax (RFC 5321 §4.1.2) and parameters: SIZE, BODY, SMTPUTF8, AUTH, DSN. */
class EnvelopeTest {
    final RecordingHandler handler = new RecordingHandler();
    final SubmissionProtocol protocol = SubmissionProtocol.builder(TestUsers.auth(), handler)
            .senderPolicy(SenderPolicy.any()).maxMessageSize(1000).maxRecipients(3).build();

    Smtp session() {
        return new Smtp(protocol).login();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a@example.com>", "<\"john doe\"@example.com>", "<a.b+tag@sub.example.com>",
            "<@relay.example,@other.example:a@example.com>", "<a@[192.0.2.1]>", "<a@[IPv6:2001:db8::1]>", "<>"})
    void valid_reverse_paths(String path) {
        assertThat(session().cmd("MAIL FROM:" + path)).startsWith("250 2.1.0 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com", "<a@example.com", "<a@>", "<@example.com>", "<a..b@example.com>",
            "<.a@example.com>", "<a@-example.com>", "<a b@example.com>", "<a@example.com>junk", "<\"unterminated@example.com>",
            "<a@exa_mple.com>"})
    void invalid_reverse_paths_are_501_5_1_7(String path) {
        assertThat(session().cmd("MAIL FROM:" + path)).startsWith("501 5.1.7 ");
    }

    @Test
    void mail_without_from_is_501() {
        assertThat(session().cmd("MAIL <a@example.com>")).startsWith("501 5.5.4 ");
    }

    @Test
    void space_after_colon_is_tolerated() {
        assertThat(session().cmd("MAIL FROM: <alice@example.com>")).startsWith("250 ");
    }

    @Test
    void path_over_256_octets_is_refused_rfc5321_s4_5_3_1_3() {
        assertThat(session().cmd("MAIL FROM:<" + "a".repeat(250) + "@example.com>")).startsWith("501 5.1.7 ");
    }

    @Test
    void size_parameter_over_limit_is_552_5_3_4_rfc1870_s6() {
        Smtp s = session();
        assertThat(s.cmd("MAIL FROM:<a@example.com> SIZE=1001")).isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size\r\n");
        assertThat(s.cmd("MAIL FROM:<a@example.com> SIZE=99999999999999999999")).startsWith("552 5.3.4 ");
        assertThat(s.cmd("MAIL FROM:<a@example.com> SIZE=abc")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("MAIL FROM:<a@example.com> SIZE=1000")).startsWith("250 ");
        assertThat(handler.mails.get(0).size()).hasValue(1000);
    }

    @Test
    void body_and_smtputf8_and_auth_parameters_rfc6152_rfc6531_rfc4954_s5() {
        Smtp s = session();
        assertThat(s.cmd("MAIL FROM:<a@example.com> BODY=8BITMIME SMTPUTF8 AUTH=alice+2Bx@example.com")).startsWith("250 ");
        MailFrom m = handler.mails.get(0);
        assertThat(m.body()).isEqualTo(MailFrom.BodyType.EIGHT_BIT_MIME);
        assertThat(m.smtpUtf8()).isTrue();
        assertThat(m.auth()).contains("alice+x@example.com");
        s.cmd("RSET");
        assertThat(s.cmd("MAIL FROM:<a@example.com> BODY=BINARYMIME")).startsWith("555 5.5.4 ");
        assertThat(s.cmd("MAIL FROM:<a@example.com> AUTH=<>")).startsWith("250 ");
        assertThat(handler.mails.get(1).auth()).contains("<>");
    }

    @Test
    void unknown_or_duplicate_parameters_are_refused() {
        Smtp s = session();
        assertThat(s.cmd("MAIL FROM:<a@example.com> FOO=bar")).startsWith("555 5.5.4 ");
        assertThat(s.cmd("MAIL FROM:<a@example.com> SIZE=1 SIZE=2")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("MAIL FROM:<a@example.com> SIZE=")).startsWith("501 5.5.4 ");
    }

    @Test
    void dsn_parameters_are_parsed_and_handed_over_rfc3461_s4() {
        Smtp s = session();
        assertThat(s.cmd("MAIL FROM:<a@example.com> RET=HDRS ENVID=QQ314159+2B1")).startsWith("250 ");
        assertThat(handler.mails.get(0).ret()).contains(MailFrom.DsnReturn.HDRS);
        assertThat(handler.mails.get(0).envelopeId()).contains("QQ314159+1");
        assertThat(s.cmd("RCPT TO:<b@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;b+2Bx@example.com")).startsWith("250 2.1.5 ");
        RcptTo r = handler.rcpts.get(0);
        assertThat(r.notifyOn()).isEqualTo(Set.of(RcptTo.DsnNotify.SUCCESS, RcptTo.DsnNotify.FAILURE));
        assertThat(r.orcpt()).contains(new RcptTo.OriginalRecipient("rfc822", "b+x@example.com"));
        assertThat(s.cmd("RCPT TO:<c@example.com> NOTIFY=NEVER")).startsWith("250 ");
        assertThat(handler.rcpts.get(1).notifyOn()).containsExactly(RcptTo.DsnNotify.NEVER);
        assertThat(handler.rcpts.get(1).orcpt()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOTIFY=NEVER,SUCCESS", "NOTIFY=SOMETIMES", "NOTIFY=", "ORCPT=rfc822", "ORCPT=;a@b",
            "ORCPT=rfc822;a=b", "ORCPT=rfc822;a+zz"})
    void invalid_dsn_rcpt_parameters_are_501(String param) {
        Smtp s = session();
        s.cmd("MAIL FROM:<a@example.com>");
        assertThat(s.cmd("RCPT TO:<b@example.com> " + param)).startsWith("501 5.5.4 ");
    }

    @Test
    void invalid_ret_and_long_envid_are_501() {
        Smtp s = session();
        assertThat(s.cmd("MAIL FROM:<a@example.com> RET=ALL")).startsWith("501 5.5.4 ");
        assertThat(s.cmd("MAIL FROM:<a@example.com> ENVID=" + "x".repeat(101))).startsWith("501 5.5.4 ");
    }

    @Test
    void dsn_parameters_refused_when_dsn_is_off() {
        SubmissionProtocol p = SubmissionProtocol.builder(TestUsers.auth(), handler).senderPolicy(SenderPolicy.any()).dsn(false).build();
        Smtp s = new Smtp(p).login();
        assertThat(s.cmd("MAIL FROM:<a@example.com> RET=FULL")).startsWith("555 5.5.4 ");
    }

    @Test
    void recipients_are_limited_452_4_5_3_rfc5321_s4_5_3_1_10() {
        Smtp s = session();
        s.cmd("MAIL FROM:<a@example.com>");
        for (int i = 0; i < 3; i++) assertThat(s.cmd("RCPT TO:<r" + i + "@example.com>")).startsWith("250 ");
        assertThat(s.cmd("RCPT TO:<r4@example.com>")).isEqualTo("452 4.5.3 Too many recipients\r\n");
        assertThat(s.cmd("DATA")).startsWith("354 ");
    }

    @Test
    void handler_refuses_recipient_per_recipient() {
        handler.reject = Set.of("nobody@example.com");
        Smtp s = session();
        s.cmd("MAIL FROM:<a@example.com>");
        assertThat(s.cmd("RCPT TO:<nobody@example.com>")).isEqualTo("550 5.1.1 No such user here\r\n");
        assertThat(s.cmd("RCPT TO:<b@example.com>")).startsWith("250 ");
        assertThat(handler.rcpts).extracting(RcptTo::address).containsExactly("b@example.com");
    }

    @Test
    void postmaster_without_domain_is_a_valid_recipient_rfc5321_s4_1_1_3() {
        Smtp s = session();
        s.cmd("MAIL FROM:<a@example.com>");
        assertThat(s.cmd("RCPT TO:<Postmaster>")).startsWith("250 ");
        assertThat(s.cmd("RCPT TO:<>")).startsWith("501 5.1.3 ");
        assertThat(s.cmd("RCPT TO:<bob>")).startsWith("501 5.1.3 ");
    }

    @Test
    void non_ascii_address_needs_smtputf8_553_5_6_7_rfc6531_s3_2() {
        Smtp s = session();
        assertThat(s.cmd("MAIL FROM:<jörg@example.com>")).startsWith("553 5.6.7 ");
        assertThat(s.cmd("MAIL FROM:<jörg@bücher.example> SMTPUTF8")).startsWith("250 ");
        assertThat(s.cmd("RCPT TO:<用户@例子.广告>")).startsWith("250 ");
        assertThat(handler.mails.get(0).address()).isEqualTo("jörg@bücher.example");
        assertThat(handler.rcpts.get(0).address()).isEqualTo("用户@例子.广告");
    }
}
