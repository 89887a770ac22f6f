package dev.letterbox.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cross-check with Python's smtplib (skipped when python3 is absent). */
class PythonSmtplibTest {
    static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String run(String script, int port) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", script, String.valueOf(port)).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("python finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void smtplib_login_sendmail_and_smtputf8() throws Exception {
        assumeTrue(python(), "python3 not installed");
        RecordingHandler handler = new RecordingHandler();
        try (PlainSocketServer server = new PlainSocketServer(SubmissionProtocol.builder(TestUsers.auth(), handler)
                .senderPolicy(SenderPolicy.any()).build())) {
            String out = run(String.join("\n",
                    "import smtplib, sys",
                    "from email.message import EmailMessage",
                    "s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30)",
                    "s.ehlo('py.example')",
                    "assert s.has_extn('pipelining') and s.has_extn('chunking') and s.has_extn('smtputf8'), s.esmtp_features",
                    "s.login('alice@example.com', 'secret')",
                    "refused = s.sendmail('alice@example.com', ['bob@example.com', 'carol@example.com'],",
                    "    b'Subject: py\\r\\n\\r\\n.dot line\\r\\nbody\\r\\n')",
                    "assert refused == {}, refused",
                    "m = EmailMessage()",
                    "m['From'] = 'jörg@bücher.example'",
                    "m['To'] = '用户@例子.广告'",
                    "m['Subject'] = 'Grüße'",
                    "m.set_content('ünïcode ☃')",
                    "s.send_message(m)",
                    "code, msg = s.mail('alice@example.com', ['SIZE=999999999999'])",
                    "assert code == 552 and msg.startswith(b'5.3.4'), (code, msg)",
                    "s.rset()",
                    "print(s.noop()[0])",
                    "s.quit()",
                    "print('ok')"), server.port());
            assertThat(out).contains("250", "ok");
            assertThat(handler.messages).hasSize(2);
            assertThat(handler.lastMessage()).contains("with UTF8SMTPA").contains("Grüße").contains("ünïcode ☃");
            assertThat(handler.mails.get(1).smtpUtf8()).isTrue();
            String first = new String(handler.messages.get(0), StandardCharsets.UTF_8);
            assertThat(first).endsWith("Subject: py\r\n\r\n.dot line\r\nbody\r\n");
            assertThat(handler.rcpts).extracting(RcptTo::address).contains("bob@example.com", "carol@example.com", "用户@例子.广告");
        }
    }
}
