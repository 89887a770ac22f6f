package dev.letterbox.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * At the file-descriptor limit the server keeps serving its sessions, refuses new clients politely
 * with the busy reply (instead of leaving them hanging in the backlog) and accepts again once
 * descriptors are free. Runs the server in a child JVM under {@code ulimit -n 256}.
 */
class DescriptorLimitTest {
    private static final int LIMIT = 256;

    @ParameterizedTest
    @MethodSource("dev.letterbox.core.net.ServerFixture#modes")
    void at_the_descriptor_limit_sessions_go_on_and_new_clients_get_the_busy_reply(ThreadMode mode, @TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && System.getProperty("os.name").startsWith("Linux"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = "ulimit -n " + LIMIT + " && exec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' " + DescriptorLimitServer.class.getName() + " " + mode;
        Path log = dir.resolve("server.log");
        Process p = new ProcessBuilder("/bin/bash", "-c", cmd).redirectError(log.toFile()).start();
        List<Client> held = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            String first = out.readLine();
            assertThat(first).as("server log: %s", Files.exists(log) ? Files.readString(log) : "").startsWith("PORT ");
            int port = Integer.parseInt(first.substring(5));

            String refusal = null;
            for (int i = 0; i < LIMIT && refusal == null; i++) {
                Client c = Client.connect(port);
                String greeting;
                try {
                    greeting = c.line();
                } catch (IOException e) {
                    throw new AssertionError("client " + i + ": " + e + "; server log:\n" + Files.readString(log), e);
                }
                if (greeting.equals("OK hello")) {
                    held.add(c);
                } else {
                    refusal = greeting;
                    c.close();
                }
            }
            assertThat(refusal).as("a client past the limit is told, not left hanging").isEqualTo("BUSY try later");
            assertThat(held.size()).isBetween(LIMIT / 4, LIMIT);

            for (Client c : List.of(held.get(0), held.get(held.size() / 2), held.get(held.size() - 1))) {
                assertThat(c.send("ECHO still here\r\n").line()).isEqualTo("ECHO still here");
            }

            for (int i = 0; i < 10; i++) {
                Client c = held.remove(held.size() - 1);
                c.send("QUIT\r\n").rest();
                c.close();
            }
            assertThat(greetingWithin(port, 20)).as("descriptors freed: accepting again").isEqualTo("OK hello");
            for (Client c : held) c.close();
            held.clear();
            p.getOutputStream().close();
            assertThat(out.lines().filter(l -> l.startsWith("REJECTIONS")).findFirst())
                    .hasValue("REJECTIONS [OUT_OF_DESCRIPTORS]");
        } finally {
            for (Client c : held) c.close();
            p.getOutputStream().close();
            p.destroyForcibly().waitFor();
        }
    }

    /** Connects until a client is greeted instead of refused; the accept loop may still be backing off (≤ 1 s). */
    private static String greetingWithin(int port, int attempts) throws IOException {
        String last = "";
        for (int i = 0; i < attempts; i++) {
            try (Client c = Client.connect(port)) {
                last = c.line();
                if (last.equals("OK hello")) return last;
            } catch (SocketTimeoutException e) {
                last = "timeout";
            }
        }
        return last;
    }
}
