package dev.letterbox.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
    private static Summary.Run run(String label, String json) {
        Map<String, String> v = Summary.parseFlat(json);
        return new Summary.Run(label, v.get("workload"), v);
    }

    @Test
    void parses_the_harness_json_line() {
        Map<String, String> v = Summary.parseFlat(
                "{\"workload\":\"imap\",\"label\":\"x\",\"a\":12.5,\"unit.a\":\"+msgs/s\",\"error.b\":\"boom, bang\",\"c\":null}");
        assertThat(v).containsEntry("workload", "imap").containsEntry("a", "12.5").containsEntry("unit.a", "+msgs/s")
                .containsEntry("error.b", "boom, bang").containsEntry("c", "null");
    }

    @Test
    void medians_ratios_and_direction_of_advantage() {
        List<Summary.Run> runs = List.of(
                run("A", "{\"workload\":\"w\",\"rate\":100,\"unit.rate\":\"+msgs/s\",\"ms\":10,\"unit.ms\":\"-ms\"}"),
                run("A", "{\"workload\":\"w\",\"rate\":300,\"unit.rate\":\"+msgs/s\",\"ms\":30,\"unit.ms\":\"-ms\"}"),
                run("A", "{\"workload\":\"w\",\"rate\":200,\"unit.rate\":\"+msgs/s\",\"ms\":20,\"unit.ms\":\"-ms\"}"),
                run("B", "{\"workload\":\"w\",\"rate\":50,\"unit.rate\":\"+msgs/s\",\"ms\":80,\"unit.ms\":\"-ms\"}"));
        String md = Summary.render(runs, "A", "B", "", "t");
        assertThat(md).contains("| rate | msgs/s | 200 | 50.00 | 4.00 | 4.00× better |");
        assertThat(md).contains("| ms | ms | 20.00 | 80.00 | 0.250 | 4.00× better |");
    }

    @Test
    void per_connection_memory_below_1000_connections_is_dropped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path few = dir.resolve("a-idle-r1.out");
        java.nio.file.Files.writeString(few, "step 100\n{\"workload\":\"idle\",\"label\":\"a\",\"idle_held\":100,"
                + "\"server_rss_per_idle_kib\":500,\"unit.server_rss_per_idle_kib\":\"-KiB\"}\n");
        java.nio.file.Path many = dir.resolve("a-idle-r2.out");
        java.nio.file.Files.writeString(many, "{\"workload\":\"idle\",\"label\":\"a\",\"idle_held\":5000,"
                + "\"server_rss_per_idle_kib\":40,\"unit.server_rss_per_idle_kib\":\"-KiB\"}\n");
        assertThat(Summary.lastJson(few).values()).containsKey("idle_held").doesNotContainKey("server_rss_per_idle_kib");
        assertThat(Summary.lastJson(many).values()).containsEntry("server_rss_per_idle_kib", "40");
    }

    @Test
    void an_error_is_reported_instead_of_a_ratio() {
        List<Summary.Run> runs = List.of(
                run("A", "{\"workload\":\"smtp\",\"submit_starttls_c1_msgs_s\":900,\"unit.submit_starttls_c1_msgs_s\":\"+msgs/s\"}"),
                run("B", "{\"workload\":\"smtp\",\"error.submit_starttls_c1\":\"STARTTLS not offered\"}"));
        String md = Summary.render(runs, "A", "B", "", "t");
        assertThat(md).contains("| submit_starttls_c1_msgs_s | msgs/s | 900 | — | – | B error: STARTTLS not offered |");
    }
}
