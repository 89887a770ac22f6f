package dev.letterbox.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TargetAndArgsTest {
    @Test
    void non_loopback_targets_are_refused() {
        assertThatThrownBy(() -> Target.loopback("192.0.2.1", 143)).hasMessageContaining("non-loopback");
        assertThatThrownBy(() -> Target.loopback("10.0.0.1", 25)).hasMessageContaining("non-loopback");
        assertThat(Target.loopback("127.0.0.5", 143).toString()).isEqualTo("127.0.0.5:143");
    }

    @Test
    void the_cli_refuses_a_remote_target_before_connecting() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = LoadCli.run(new String[] {"imap", "--host", "192.0.2.7", "--port", "143"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing non-loopback target");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void source_addresses_are_spread_over_127_0_0_x() {
        assertThat(Target.spreadSource(0).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(Target.spreadSource(249).getHostAddress()).isEqualTo("127.0.0.250");
        assertThat(Target.spreadSource(250).getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void options() {
        Args a = Args.parse(new String[] {"x", "--conns", "1,8,64", "--same-user", "--port=25"}, 1);
        assertThat(a.ints("conns", "1")).containsExactly(1, 8, 64);
        assertThat(a.has("same-user")).isTrue();
        assertThat(a.integer("port", 0)).isEqualTo(25);
        assertThat(a.integer("missing", 7)).isEqualTo(7);
    }
}
