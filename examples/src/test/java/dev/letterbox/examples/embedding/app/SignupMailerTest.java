package dev.letterbox.examples.embedding.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Protocol;
import dev.letterbox.testkit.Submission;
import dev.letterbox.testkit.fault.Fault;
import dev.letterbox.testkit.junit.MailTestServerExtension;
import jakarta.mail.SendFailedException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Embedding example 2: an application that sends via SMTP and reads via IMAP, tested with the testkit. */
class SignupMailerTest {
    @RegisterExtension
    static MailTestServerExtension mail = MailTestServerExtension.perClass(b -> b
            .user("noreply@shop.example", "app-secret")
            .user("alice@example.com", "alice-secret")
            .requireSmtpAuth(true));

    private static SignupMailer mailer(MailTestServer server) {
        Properties smtp = server.smtpProperties();
        smtp.put("mail.smtp.auth", "true");
        return new SignupMailer(smtp, server.imapProperties(), "noreply@shop.example", "app-secret");
    }

    @Test
    void the_welcome_mail_is_submitted_and_arrives_in_the_inbox(MailTestServer server) throws Exception {
        mailer(server).welcome("alice@example.com", "Alice");

        Submission s = server.awaitSubmission(x -> x.recipients().contains("alice@example.com"), Duration.ofSeconds(10));
        assertThat(s.authUser()).contains("noreply@shop.example");
        assertThat(s.mailFrom()).isEqualTo("noreply@shop.example");
        assertThat(s.tls()).isPresent();
        assertThat(s.mimeMessage().getSubject()).isEqualTo("Welcome, Alice!");

        assertThat(mailer(server).inboxSubjects("alice@example.com", "alice-secret")).containsExactly("Welcome, Alice!");
    }

    @Test
    void a_temporary_refusal_surfaces_as_an_exception_and_nothing_is_delivered(MailTestServer server) {
        server.inject(Fault.onCommand(Protocol.SMTP, "RCPT").reply("451 4.3.0 Mailbox busy, try later"));
        assertThatThrownBy(() -> mailer(server).welcome("alice@example.com", "Alice"))
                .isInstanceOf(SendFailedException.class);
        assertThat(server.submissions()).isEmpty();
        assertThat(server.messages("alice@example.com")).isEmpty();
    }
}
