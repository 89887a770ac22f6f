package dev.letterbox.testkit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every code block of the README section is, character for character, a tagged region of {@link ReadmeExamplesTest}. */
class ReadmeSnippetsTest {
    private static final Pattern TAG = Pattern.compile("// tag::([a-z-]+)\\[]");

    @Test
    void readme_snippets_are_the_tested_code() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/letterbox/testkit/readme/ReadmeExamplesTest.java"));
        String readme = readmeSection("## Testing with `letterbox-testkit`");
        Map<String, String> regions = regions(source);
        assertThat(regions).isNotEmpty();
        Matcher m = Pattern.compile("<!-- snippet:([a-z-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            seen.add(m.group(1));
            assertThat(m.group(2)).as("README snippet " + m.group(1)).isEqualTo(regions.get(m.group(1)));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(regions.keySet());
    }

    /** The section of the project README that starts with {@code heading}, up to the next {@code ## } heading. */
    static String readmeSection(String heading) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README has the section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end + 1);
    }

    private static Map<String, String> regions(String source) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = TAG.matcher(source);
        while (m.find()) {
            String name = m.group(1);
            int start = source.indexOf('\n', m.end()) + 1;
            int end = source.indexOf("// end::" + name + "[]", start);
            String block = source.substring(start, source.lastIndexOf('\n', end) + 1);
            out.put(name, dedent(block));
        }
        return out;
    }

    private static String dedent(String block) {
        String[] lines = block.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) indent = Math.min(indent, l.length() - l.stripLeading().length());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length - 1; i++) {
            sb.append(lines[i].isBlank() ? "" : lines[i].substring(indent)).append('\n');
        }
        return sb.toString();
    }
}
