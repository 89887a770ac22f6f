package dev.letterbox.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.letterbox.testkit.MailTestServer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Execution(ExecutionMode.CONCURRENT)
class PerTestExtensionTest {
    private static final Set<MailTestServer> SEEN = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    MailTestServerExtension mail = MailTestServerExtension.perTest(b -> b.user("bob@example.com", "pw"));

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void every_test_gets_its_own_server_even_in_parallel(int n, MailTestServer server) {
        assertThat(server.isRunning()).isTrue();
        assertThat(SEEN.add(server)).isTrue();
        for (int i = 0; i < n; i++) server.deliver("bob@example.com", ("Subject: " + i + "\r\n\r\n").getBytes());
        assertThat(server.messages("bob@example.com")).hasSize(n);
    }

    @Test
    void the_field_accessor_and_the_parameter_agree(MailTestServer server) {
        assertThat(mail.server()).isSameAs(server);
        SEEN.add(server);
    }

    @AfterAll
    static void all_closed() {
        assertThat(SEEN).isNotEmpty().allSatisfy(s -> assertThat(s.isRunning()).isFalse());
    }
}
