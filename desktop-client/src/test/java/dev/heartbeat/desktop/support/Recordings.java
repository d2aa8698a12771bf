package dev.heartbeat.desktop.support;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Recordings written by hand in the contract's format, independent of the project's writer. */
public final class Recordings {
    private Recordings() {}

    /** A recording as the contract writes it; the last line is cut short, as after a crash. */
    public static final String NIGHT = String.join("\n",
            "{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"night\",\"startedAt\":\"2026-11-21T20:00:00Z\",\"capacity\":5}",
            "{\"t\":0,\"type\":\"snapshot\",\"members\":[{\"id\":\"bo\",\"name\":\"Bo\",\"hue\":20,\"phase\":0.8}],\"waiting\":1}",
            "{\"t\":1520,\"type\":\"join\",\"member\":{\"id\":\"ada\",\"name\":\"Ada\",\"hue\":212,\"phase\":0.37}}",
            "{\"t\":2210,\"type\":\"pulse\",\"id\":\"ada\",\"strength\":1,\"at\":1795377602300}",
            "{\"t\":2500,\"type\":\"sparkle\",\"id\":\"ada\"}",
            "{\"t\":3000,\"type\":\"waiting\",\"count\":0}",
            "{\"t\":4000,\"type\":\"leave\",\"id\":\"bo\",\"reason\":\"closed\"}",
            "{\"t\":4100,\"type\":\"pul");

    /** Writes {@link #NIGHT} gzip-compressed as {@code night.hbrec.gz} in {@code folder}. */
    public static Path writeNight(Path folder) throws Exception {
        Path file = folder.resolve("night.hbrec.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(NIGHT.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
