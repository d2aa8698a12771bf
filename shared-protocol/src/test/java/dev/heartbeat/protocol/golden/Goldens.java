package dev.heartbeat.protocol.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files that Java writes and the web client's node tests read (one definition of a concept
 * for both languages). A test computes the file from the Java code and compares it with the one
 * checked in; {@code -Dheartbeat.goldens=write} writes it instead, after a deliberate change.
 */
public final class Goldens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("src/test/resources");

    private Goldens() {}

    /** Fails unless {@code resource} (like {@code close/close-codes.json}) holds {@code computed}. */
    public static void check(String resource, JsonNode computed) throws IOException {
        Path file = ROOT.resolve(resource);
        if ("write".equals(System.getProperty("heartbeat.goldens"))) {
            Files.createDirectories(file.getParent());
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
            Files.writeString(file, JSON.writer(pretty).writeValueAsString(computed) + "\n", StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file)).as(file + " exists (write it with -Dheartbeat.goldens=write)").isTrue();
        JsonNode stored = JSON.readTree(file.toFile());
        // Through text, so that a long and an int of the same value compare equal.
        JsonNode fresh = JSON.readTree(JSON.writeValueAsString(computed));
        assertThat(firstDifference("", stored, fresh))
                .as("%s against what the Java code computes now (after a deliberate change, run with -Dheartbeat.goldens=write)", file)
                .isEmpty();
    }

    /** Where two trees first differ, as a short path and the two values; empty when equal. */
    private static String firstDifference(String path, JsonNode stored, JsonNode fresh) {
        if (stored.equals(fresh)) return "";
        if (stored.isContainerNode() && fresh.isContainerNode() && stored.size() == fresh.size()) {
            if (stored.isArray()) {
                for (int i = 0; i < stored.size(); i++) {
                    String d = firstDifference(path + "[" + i + "]", stored.get(i), fresh.get(i));
                    if (!d.isEmpty()) return d;
                }
            } else {
                for (var names = stored.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!fresh.has(name)) break;
                    String d = firstDifference(path + "." + name, stored.get(name), fresh.get(name));
                    if (!d.isEmpty()) return d;
                }
            }
        }
        return clip(path + ": stored " + stored + ", computed " + fresh);
    }

    private static String clip(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    public static ObjectMapper json() {
        return JSON;
    }
}
