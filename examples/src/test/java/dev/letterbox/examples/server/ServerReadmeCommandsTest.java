package dev.letterbox.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code java -jar .../letterbox-server.jar} command of the README section (and the
 * {@code curl} commands after it), so the copy-paste examples stay valid. For the test, ports become
 * ephemeral, {@code --bind} becomes 127.0.0.1 and file arguments become temporary files.
 */
class ServerReadmeCommandsTest {
    private static final String JAR = "java -jar examples/target/letterbox-server.jar";
    private static final Set<String> PORTS = Set.of("--imap", "--imaps", "--pop3", "--pop3s", "--submission",
            "--submissions", "--autoconfig-port");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path dir;

    @Test
    void every_readme_command_starts_the_server_and_every_curl_gets_200() throws Exception {
        List<List<String>> blocks = codeBlocks(readmeSection("## Standalone server"));
        int servers = 0;
        int curls = 0;
        for (List<String> block : blocks) {
            LetterboxServer.Running running = null;
            try {
                for (String command : block) {
                    List<String> words = words(command);
                    if (command.startsWith(JAR) && !command.contains("[options]")) {
                        if (running != null) running.close();
                        running = start(words.subList(3, words.size()), command);
                        servers++;
                    } else if (command.startsWith("curl ") && running != null) {
                        HttpResponse<String> r = curl(words, running.autoconfig().orElseThrow().getPort());
                        assertThat(r.statusCode()).as(command).isEqualTo(200);
                        curls++;
                    }
                }
            } finally {
                if (running != null) running.close();
            }
        }
        assertThat(servers).as("server commands in the README").isGreaterThanOrEqualTo(4);
        assertThat(curls).as("curl commands in the README").isGreaterThanOrEqualTo(3);
    }

    private LetterboxServer.Running start(List<String> readmeArgs, String command) throws Exception {
        var cert = ServerFixture.CERT;
        Map<String, String> files = Map.of(
                "--users-file", write("users.txt", "alice@example.org:secret\n"),
                "--tls-cert", dir.resolve("c.pem").toString(),
                "--tls-key", dir.resolve("k.pem").toString(),
                "--relay-password-file", write("relay.pw", "relay-secret\n"),
                "--relay-trust", write("trust.pem", cert.certificatePem()));
        cert.writePem(dir.resolve("c.pem"), dir.resolve("k.pem"));
        List<String> args = new ArrayList<>();
        for (String p : PORTS) {
            if (!p.equals("--autoconfig-port")) args.addAll(List.of(p, "0"));
        }
        for (int i = 0; i < readmeArgs.size(); i++) {
            String a = readmeArgs.get(i);
            args.add(a);
            if (i + 1 < readmeArgs.size() && !readmeArgs.get(i + 1).startsWith("--")) {
                String v = readmeArgs.get(++i);
                if (PORTS.contains(a)) v = "0";
                else if (a.equals("--bind")) v = "127.0.0.1";
                else if (files.containsKey(a)) v = files.get(a);
                args.add(v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        LetterboxServer.Running running = LetterboxServer.start(args.toArray(new String[0]), ps, ps);
        assertThat(out.toString(StandardCharsets.UTF_8)).as(command).contains("READY imap=");
        return running;
    }

    private String write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    /** {@code curl [-X METHOD] [--data 'BODY'] URL}, to the running server's discovery port. */
    private static HttpResponse<String> curl(List<String> words, int port) throws Exception {
        String method = "GET";
        String body = null;
        String url = null;
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-X" -> method = words.get(++i);
                case "--data" -> body = words.get(++i);
                default -> url = words.get(i);
            }
        }
        URI uri = URI.create(url.replaceFirst("^http://127\\.0\\.0\\.1:\\d+", "http://127.0.0.1:" + port));
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The commands of each fenced code block, with backslash continuations joined. */
    private static List<List<String>> codeBlocks(String markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        StringBuilder pending = new StringBuilder();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                if (current == null) {
                    current = new ArrayList<>();
                } else {
                    blocks.add(current);
                    current = null;
                }
                continue;
            }
            if (current == null) continue;
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.add((pending + line).strip().replaceAll("\\s+", " "));
            pending.setLength(0);
        }
        return blocks;
    }

    /** Shell words: whitespace-separated, single quotes group. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : command.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) words.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) words.add(w.toString());
        return words;
    }

    /** The section of the project README that starts with {@code heading}, up to the next {@code ## } heading. */
    private static String readmeSection(String heading) throws java.io.IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        if (start < 0) throw new AssertionError("README has no section " + heading);
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end + 1);
    }
}
