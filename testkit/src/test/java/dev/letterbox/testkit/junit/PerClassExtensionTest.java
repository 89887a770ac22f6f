package dev.letterbox.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.testkit.MailTestServer;
import dev.letterbox.testkit.Service;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassExtensionTest {
    @RegisterExtension
    static MailTestServerExtension mail = MailTestServerExtension.perClass(b -> b.user("alice@example.com", "pw")
            .services(Service.IMAP, Service.SUBMISSION));

    static MailTestServer first;

    @Test
    @Order(1)
    void the_class_shares_one_started_server(MailTestServer server) {
        assertThat(server).isSameAs(mail.server());
        assertThat(server.isRunning()).isTrue();
        assertThat(server.services()).containsExactlyInAnyOrder(Service.IMAP, Service.SUBMISSION);
        server.deliver("alice@example.com", "Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        first = server;
    }

    @Test
    @Order(2)
    void it_is_reset_before_each_test(MailTestServer server) {
        assertThat(server).isSameAs(first);
        assertThat(server.messages("alice@example.com")).isEmpty();
        assertThat(server.userNames()).contains("alice@example.com");
    }

    @Nested
    class Inner {
        @Test
        void nested_classes_use_the_same_server(MailTestServer server) {
            assertThat(server).isSameAs(mail.server());
            assertThat(server.isRunning()).isTrue();
        }
    }
}
