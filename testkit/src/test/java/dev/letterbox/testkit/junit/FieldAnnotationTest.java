package dev.letterbox.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Service;
import org.junit.jupiter.api.Test;

class FieldAnnotationTest {
    @TestMailServer(users = "carol@example.com:pw", services = Service.POP3)
    MailTestServer mail;

    @TestMailServer(autoCreateUsers = true)
    static MailTestServer shared;

    @Test
    void instance_field_gets_a_configured_server() {
        assertThat(mail.isRunning()).isTrue();
        assertThat(mail.services()).containsExactly(Service.POP3);
        assertThat(mail.userNames()).containsExactly("carol@example.com");
    }

    @Test
    void static_field_gets_a_class_server() {
        assertThat(shared.isRunning()).isTrue();
        assertThat(shared.services()).hasSize(6);
        assertThat(shared).isNotSameAs(mail);
    }

    @Test
    void parameters_still_resolve_to_a_default_server(MailTestServer other) {
        assertThat(other).isNotSameAs(mail).isNotSameAs(shared);
        assertThat(other.isRunning()).isTrue();
    }
}
