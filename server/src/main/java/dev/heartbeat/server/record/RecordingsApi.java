package dev.heartbeat.server.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.SpaceName;
import dev.heartbeat.protocol.recording.Burst;
import dev.heartbeat.protocol.recording.IdleStretch;
import dev.heartbeat.protocol.recording.RecordingEntry;
import dev.heartbeat.protocol.recording.RecordingFormatException;
import dev.heartbeat.protocol.recording.RecordingWriter;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimelineState;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recordings API:
 * <ul>
 *   <li>{@code GET /api/recordings?space=&live=}: every recording, newest first; {@code space} keeps one
 *       space's, {@code live=true} only those being written (a live page's way to find the recording
 *       it can rewind in, without the folder being read)</li>
 *   <li>{@code GET /api/recordings/{id}}: the file as stored (byte ranges supported)</li>
 *   <li>{@code GET /api/recordings/{id}/events?from=&to=}: a part, as a recording of its own (header,
 *       a snapshot of the state at {@code from}, the lines with {@code from <= t < to}), JSON Lines</li>
 *   <li>{@code GET /api/recordings/{id}/overview?buckets=&idle=}: duration, pulse density, bursts and
 *       idle stretches, for a player's seek bar</li>
 * </ul>
 * An id that is not a recording's name is a 400; a valid id without a file is a 404.
 */
public final class RecordingsApi {
    /** The media type of {@code .hbrec} and of a part. */
    public static final String JSON_LINES = "application/x-ndjson; charset=utf-8";
    private static final int DEFAULT_BUCKETS = 200;
    private static final int MAX_BUCKETS = 4000;
    private static final long DEFAULT_IDLE_MS = 5_000;

    private final RecordingCatalog catalog;
    private final ObjectMapper json = new ObjectMapper();

    public RecordingsApi(RecordingCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code GET /api/recordings?space=lobby&live=true}; both optional */
    public void list(Context ctx) throws IOException {
        String space = ctx.queryParam("space");
        if (space != null && !SpaceName.isValid(space)) throw new BadRequestResponse("'space': " + SpaceName.rule());
        String live = ctx.queryParam("live");
        if (live != null && !live.equals("true") && !live.equals("false")) throw new BadRequestResponse("'live' must be true or false");
        List<RecordingInfo> found = "true".equals(live) ? catalog.live() : catalog.list();
        List<Map<String, Object>> rows = found.stream()
                .filter(info -> space == null || info.space().equals(space))
                .filter(info -> !"false".equals(live) || !info.live())
                .map(RecordingsApi::row).toList();
        json(ctx, Map.of("recordings", rows));
    }

    /** {@code GET /api/recordings/{id}} */
    public void download(Context ctx) throws IOException {
        String id = id(ctx);
        Path file = catalog.folder().find(id).orElseThrow(() -> notFound(id));
        boolean gzip = file.getFileName().toString().endsWith(RecordingWriter.GZIP_EXTENSION);
        ctx.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        ctx.header("Cache-Control", catalog.live(id) ? "no-cache" : "max-age=3600");
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(gzip ? "application/gzip" : JSON_LINES);
        long size = Files.size(file);
        long[] range = ByteRange.parse(ctx.header("Range"), size);
        if (range == ByteRange.UNSATISFIABLE) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new HttpResponseException(HttpStatus.RANGE_NOT_SATISFIABLE.getCode(), "the range is outside the recording's " + size + " bytes");
        }
        long start = range == null ? 0 : range[0];
        long length = range == null ? size : range[1] - range[0] + 1;
        if (range != null) {
            ctx.status(HttpStatus.PARTIAL_CONTENT);
            ctx.header("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        }
        // The bytes go out as stored: compressing them would break Content-Length and byte ranges.
        ctx.disableCompression();
        ctx.header("Content-Length", Long.toString(length));
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(start);
            OutputStream out = ctx.outputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) break; // the file shrank meanwhile; the client sees a short body
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** {@code GET /api/recordings/{id}/events?from=ms&to=ms}; both optional (the start, the end). */
    public void events(Context ctx) throws IOException {
        Timeline timeline = timeline(ctx);
        long from = millis(ctx, "from", 0);
        long to = millis(ctx, "to", Long.MAX_VALUE);
        if (to < from) throw new BadRequestResponse("'to' must not be before 'from'");
        TimelineState start = timeline.stateAt(from - 1);
        ctx.contentType(JSON_LINES);
        OutputStream out = ctx.outputStream();
        // Not closed: the writer would close the response stream, which Javalin finishes itself.
        RecordingWriter part = new RecordingWriter(out, timeline.header(), false);
        part.snapshot(from, start.members(), start.waiting());
        for (RecordingEntry entry : timeline.between(from, to)) part.entry(entry);
        part.flush();
    }

    /** {@code GET /api/recordings/{id}/overview?buckets=200&idle=5000} */
    public void overview(Context ctx) throws IOException {
        Timeline timeline = timeline(ctx);
        long buckets = millis(ctx, "buckets", DEFAULT_BUCKETS);
        if (buckets < 1 || buckets > MAX_BUCKETS) throw new BadRequestResponse("'buckets' must be 1 to " + MAX_BUCKETS);
        long idle = millis(ctx, "idle", DEFAULT_IDLE_MS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", ctx.pathParam("id"));
        body.put("space", timeline.header().space());
        body.put("start", timeline.header().startedAt().toString());
        body.put("capacity", timeline.header().capacity());
        body.put("duration", timeline.duration());
        body.put("pulses", timeline.stats().pulses());
        body.put("membersSeen", timeline.stats().membersSeen());
        body.put("truncated", timeline.stats().truncated());
        body.put("density", timeline.density((int) buckets));
        body.put("bursts", timeline.bursts().stream().map(RecordingsApi::burst).toList());
        body.put("idle", timeline.idleStretches(idle).stream().map(RecordingsApi::idle).toList());
        json(ctx, body);
    }

    private Timeline timeline(Context ctx) throws IOException {
        String id = id(ctx);
        try {
            return catalog.timeline(id).orElseThrow(() -> notFound(id));
        } catch (RecordingFormatException e) {
            throw new HttpResponseException(HttpStatus.UNPROCESSABLE_CONTENT.getCode(), e.getMessage());
        } catch (RecordingCatalog.TooLargeException e) {
            throw new HttpResponseException(HttpStatus.CONTENT_TOO_LARGE.getCode(), e.getMessage());
        } catch (RecordingCatalog.BusyException e) {
            throw new HttpResponseException(HttpStatus.SERVICE_UNAVAILABLE.getCode(), e.getMessage());
        }
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!RecordingFolder.validId(id)) {
            throw new BadRequestResponse("not a recording id: ids look like lobby-20261121T200000Z (see GET /api/recordings)");
        }
        return id;
    }

    private static NotFoundResponse notFound(String id) {
        return new NotFoundResponse("no recording " + id);
    }

    private static long millis(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) return fallback;
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) throw new NumberFormatException();
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("'" + name + "' must be a whole number of at least 0");
        }
    }

    private static Map<String, Object> row(RecordingInfo info) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", info.id());
        row.put("space", info.space());
        row.put("start", info.start().toString());
        row.put("duration", info.duration());
        row.put("size", info.size());
        row.put("membersSeen", info.membersSeen());
        row.put("pulses", info.pulses());
        row.put("events", info.events());
        row.put("gzip", info.gzip());
        row.put("live", info.live());
        row.put("truncated", info.truncated());
        return row;
    }

    private static Map<String, Object> burst(Burst burst) {
        return Map.of("start", burst.start(), "end", burst.end(), "pulses", burst.pulses());
    }

    private static Map<String, Object> idle(IdleStretch idle) {
        return Map.of("start", idle.start(), "end", idle.end());
    }

    private void json(Context ctx, Object body) {
        try {
            ctx.contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
