package dev.heartbeat.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Join;
import dev.heartbeat.protocol.message.Leave;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.RecordingHeader;
import dev.heartbeat.protocol.recording.RecordingReader;
import dev.heartbeat.protocol.recording.RecordingWriter;
import dev.heartbeat.protocol.recording.Snapshot;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EARLY = Instant.parse("2026-11-21T20:00:00Z");
    private static final Instant LATE = Instant.parse("2026-11-21T21:30:00Z");
    private static final String EARLY_ID = "lobby-20261121T200000Z";
    private static final String LATE_ID = "studio-20261121T213000Z";

    @TempDir Path dir;
    @TempDir Path outside;

    private final Map<String, RecordingInfo> live = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() throws IOException {
        write(dir.resolve(EARLY_ID + ".hbrec"), "lobby", EARLY, false, 60);
        write(dir.resolve(LATE_ID + ".hbrec.gz"), "studio", LATE, true, 20);
        Files.writeString(dir.resolve("notes.txt"), "not a recording");
        Files.writeString(dir.resolve("broken-20261121T200000Z.hbrec"), "{\"format\":\"something-else\"}\n");
        RecordingsApi api = new RecordingsApi(new RecordingCatalog(new RecordingFolder(dir), () -> live));
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/api/recordings", api::list);
            cfg.routes.get("/api/recordings/{id}", api::download);
            cfg.routes.get("/api/recordings/{id}/events", api::events);
            cfg.routes.get("/api/recordings/{id}/overview", api::overview);
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    /** Ada joins, pulses every 100 ms for {@code seconds}, Bo joins at 5 s, Ada leaves at the end. */
    private static void write(Path file, String space, Instant start, boolean gzip, int seconds) throws IOException {
        Member ada = new Member("ada001", "Ada", 212, 0.37);
        Member bo = new Member("bo0002", "Bo", 40, 0.81);
        try (RecordingWriter writer = RecordingWriter.create(file, new RecordingHeader(space, start, 5), gzip)) {
            writer.snapshot(0, List.of(), 0);
            writer.event(0, new Join(ada));
            for (long t = 100; t < seconds * 1000L; t += 100) {
                if (t == 5_000) writer.event(t, new Join(bo));
                if (t % 5_000 == 0) writer.snapshot(t, t >= 5_000 ? List.of(ada, bo) : List.of(ada), 0);
                writer.event(t, new Pulse("ada001", 1, start.toEpochMilli() + t));
            }
            writer.event(seconds * 1000L, new Leave("ada001", LeaveReason.CLOSED));
        }
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
            for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Test
    void theListShowsEveryRecordingNewestFirstWithItsFigures() throws IOException {
        HttpResponse<byte[]> response = get("/api/recordings");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode recordings = json(response).get("recordings");
        assertThat(recordings).hasSize(2); // notes.txt and the broken file are left out
        JsonNode late = recordings.get(0);
        assertThat(late.get("id").asText()).isEqualTo(LATE_ID);
        assertThat(late.get("space").asText()).isEqualTo("studio");
        assertThat(late.get("start").asText()).isEqualTo("2026-11-21T21:30:00Z");
        assertThat(late.get("duration").asLong()).isEqualTo(20_000);
        assertThat(late.get("size").asLong()).isEqualTo(Files.size(dir.resolve(LATE_ID + ".hbrec.gz")));
        assertThat(late.get("membersSeen").asInt()).isEqualTo(2);
        assertThat(late.get("pulses").asInt()).isEqualTo(199);
        assertThat(late.get("gzip").asBoolean()).isTrue();
        assertThat(late.get("live").asBoolean()).isFalse();
        assertThat(recordings.get(1).get("id").asText()).isEqualTo(EARLY_ID);
        assertThat(recordings.get(1).get("pulses").asInt()).isEqualTo(599);
    }

    @Test
    void aRecordingBeingWrittenIsListedFromTheRecorderNotTheFile() throws IOException {
        live.put(EARLY_ID, new RecordingInfo(EARLY_ID, "lobby", EARLY, 123_456, 789, 7, 8, 9, false, true, false));
        JsonNode early = json(get("/api/recordings")).get("recordings").get(1);
        assertThat(early.get("live").asBoolean()).isTrue();
        assertThat(early.get("duration").asLong()).isEqualTo(123_456);
        assertThat(get("/api/recordings/" + EARLY_ID).headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void theListKeepsOneSpacesRecordingsAndLiveOnesOnly_soALivePageFindsWhereToRewind() throws IOException {
        live.put(EARLY_ID, new RecordingInfo(EARLY_ID, "lobby", EARLY, 123_456, 789, 7, 8, 9, false, true, false));
        JsonNode lobby = json(get("/api/recordings?space=lobby")).get("recordings");
        assertThat(lobby).extracting(r -> r.get("id").asText()).containsExactly(EARLY_ID);

        JsonNode lobbyLive = json(get("/api/recordings?space=lobby&live=true")).get("recordings");
        assertThat(lobbyLive).extracting(r -> r.get("id").asText()).containsExactly(EARLY_ID);
        assertThat(lobbyLive.get(0).get("live").asBoolean()).isTrue();
        assertThat(json(get("/api/recordings?space=studio&live=true")).get("recordings")).isEmpty();
        assertThat(json(get("/api/recordings?live=false")).get("recordings")).extracting(r -> r.get("id").asText()).containsExactly(LATE_ID);

        assertThat(get("/api/recordings?space=Not%20A%20Space").statusCode()).isEqualTo(400);
        assertThat(get("/api/recordings?live=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void aRecordingBeingWrittenIsReadOnFromWhereItWas_completeLinesOnly() throws Exception {
        String id = "live-20261121T220000Z";
        Path file = dir.resolve(id + ".hbrec");
        Files.writeString(file, "{\"format\":\"heartbeat-recording\",\"version\":1,\"space\":\"live\",\"startedAt\":\"2026-11-21T22:00:00Z\",\"capacity\":5}\n"
                + "{\"t\":0,\"type\":\"snapshot\",\"members\":[],\"waiting\":0}\n"
                + "{\"t\":100,\"type\":\"join\",\"member\":{\"id\":\"ada001\",\"name\":\"Ada\",\"hue\":212,\"phase\":0.37}}\n"
                + "{\"t\":900,\"type\":\"pul");
        live.put(id, new RecordingInfo(id, "live", Instant.parse("2026-11-21T22:00:00Z"), 900, Files.size(file), 1, 0, 2, false, true, false));
        JsonNode first = json(get("/api/recordings/" + id + "/overview"));
        assertThat(first.get("duration").asLong()).as("up to the last complete line").isEqualTo(100);
        assertThat(first.get("pulses").asInt()).isZero();

        // The writer finishes its line and goes on; the next answer has all of it.
        Files.writeString(file, "se\",\"id\":\"ada001\",\"strength\":1,\"at\":1795384800900}\n"
                + "{\"t\":2500,\"type\":\"pulse\",\"id\":\"ada001\",\"strength\":0.5,\"at\":1795384802500}\n", StandardOpenOption.APPEND);
        Thread.sleep(300);
        JsonNode later = json(get("/api/recordings/" + id + "/overview"));
        assertThat(later.get("duration").asLong()).isEqualTo(2_500);
        assertThat(later.get("pulses").asInt()).isEqualTo(2);
        try (RecordingReader part = new RecordingReader(new ByteArrayInputStream(get("/api/recordings/" + id + "/events?from=1000").body()), "part")) {
            List<RecordingEntry> entries = part.readAll();
            assertThat(entries).hasSize(2);
            assertThat(entries.get(1).t()).isEqualTo(2_500);
        }

        // Finished: the file is read whole again, as any other.
        live.remove(id);
        assertThat(json(get("/api/recordings/" + id + "/overview")).get("pulses").asInt()).isEqualTo(2);
    }

    @Test
    void aDownloadIsTheFileAsStoredAndSupportsRanges() throws IOException {
        HttpResponse<byte[]> plain = get("/api/recordings/" + EARLY_ID);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(Files.readAllBytes(dir.resolve(EARLY_ID + ".hbrec")));
        assertThat(plain.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + EARLY_ID + ".hbrec\"");

        HttpResponse<byte[]> gzip = get("/api/recordings/" + LATE_ID);
        assertThat(gzip.headers().firstValue("Content-Type")).hasValue("application/gzip");
        assertThat(Timeline.read(new ByteArrayInputStream(gzip.body()), "download").duration()).isEqualTo(20_000);

        HttpResponse<byte[]> range = get("/api/recordings/" + EARLY_ID, "Range", "bytes=0-99");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOf(plain.body(), 100));
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + plain.body().length);
        HttpResponse<byte[]> tail = get("/api/recordings/" + EARLY_ID, "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(plain.body(), plain.body().length - 10, plain.body().length));
        assertThat(get("/api/recordings/" + EARLY_ID, "Range", "bytes=99999999-").statusCode()).isEqualTo(416);
    }

    @Test
    void aPartIsARecordingOfItsOwnStartingWithTheStateAtFrom() throws IOException {
        HttpResponse<byte[]> response = get("/api/recordings/" + EARLY_ID + "/events?from=7250&to=9000");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        Timeline whole = Timeline.load(dir.resolve(EARLY_ID + ".hbrec"));
        try (RecordingReader part = new RecordingReader(new ByteArrayInputStream(response.body()), "part")) {
            assertThat(part.header()).isEqualTo(whole.header());
            List<RecordingEntry> entries = part.readAll();
            TimelineState before = whole.stateAt(7_249);
            assertThat(entries.get(0)).isEqualTo(new Snapshot(7_250, before.members(), before.waiting()));
            assertThat(entries.subList(1, entries.size())).isEqualTo(whole.between(7_250, 9_000));
            // Played on its own, the part ends in the same state as the whole recording.
            assertThat(Timeline.of(part.header(), entries).stateAt(8_999).members()).isEqualTo(whole.stateAt(8_999).members());
        }
        try (RecordingReader all = new RecordingReader(new ByteArrayInputStream(get("/api/recordings/" + LATE_ID + "/events").body()), "all")) {
            List<RecordingEntry> entries = all.readAll();
            assertThat(entries.subList(1, entries.size())).isEqualTo(Timeline.load(dir.resolve(LATE_ID + ".hbrec.gz")).entries());
        }
    }

    @Test
    void theOverviewHasWhatASeekBarDraws() throws IOException {
        JsonNode overview = json(get("/api/recordings/" + EARLY_ID + "/overview?buckets=60&idle=2000"));
        assertThat(overview.get("duration").asLong()).isEqualTo(60_000);
        assertThat(overview.get("density")).hasSize(60);
        int sum = 0;
        for (JsonNode bucket : overview.get("density")) sum += bucket.asInt();
        assertThat(sum).isEqualTo(599);
        assertThat(overview.get("bursts").isArray()).isTrue();
        assertThat(overview.get("idle")).isEmpty();
        assertThat(get("/api/recordings/" + EARLY_ID + "/overview?buckets=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/recordings/" + EARLY_ID + "/events?from=-5").statusCode()).isEqualTo(400);
        assertThat(get("/api/recordings/" + EARLY_ID + "/events?from=9&to=3").statusCode()).isEqualTo(400);
    }

    @Test
    void idsAreValidatedAndNothingOutsideTheFolderIsReached() throws IOException {
        Files.writeString(outside.resolve("secret-20261121T200000Z.hbrec"), new RecordingHeader("secret", EARLY, 5).toJson() + "\n");
        Files.createSymbolicLink(dir.resolve("linked-20261121T200000Z.hbrec"), outside.resolve("secret-20261121T200000Z.hbrec"));

        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "lobby-20261121T200000Z.hbrec", "LOBBY-20261121T200000Z",
                "lobby", "lobby-20261121T200000Z-..")) {
            assertThat(get("/api/recordings/" + bad).statusCode()).as(bad).isIn(400, 404);
            assertThat(get("/api/recordings/" + bad + "/events").statusCode()).as(bad).isIn(400, 404);
        }
        assertThat(get("/api/recordings/lobby").statusCode()).isEqualTo(400);
        assertThat(get("/api/recordings/nobody-20200101T000000Z").statusCode()).isEqualTo(404);
        assertThat(get("/api/recordings/linked-20261121T200000Z").statusCode()).as("a symlink is not followed").isEqualTo(404);
        assertThat(json(get("/api/recordings")).get("recordings")).hasSize(2);
    }

    @Test
    void aFileThatIsNotARecordingIsAClearError() {
        HttpResponse<byte[]> response = get("/api/recordings/broken-20261121T200000Z/events");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(new String(response.body())).contains("not a Heartbeat recording");
    }

    @Test
    void aFileTooBigToReadWholeIsRefusedWith413ForThePlayerButStillDownloads() throws IOException {
        String id = "huge-20261121T220000Z";
        Path huge = dir.resolve(id + ".hbrec");
        try (var out = Files.newBufferedWriter(huge)) {
            out.write(new dev.heartbeat.protocol.recording.RecordingHeader("huge", LATE, 5).toJson() + "\n");
            String line = "{\"t\":1,\"type\":\"announce\",\"text\":\"" + "x".repeat(1000) + "\"}\n";
            for (long written = 0; written <= RecordingCatalog.MAX_PLAIN_BYTES; written += line.length()) out.write(line);
        }
        assertThat(get("/api/recordings/" + id + "/overview").statusCode()).isEqualTo(413);
        assertThat(get("/api/recordings/" + id + "/events?from=0&to=10").statusCode()).isEqualTo(413);
        assertThat(get("/api/recordings/" + id, "Range", "bytes=0-99").statusCode()).isEqualTo(206);
    }
}
