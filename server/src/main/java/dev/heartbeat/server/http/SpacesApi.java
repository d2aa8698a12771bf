package dev.heartbeat.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.message.Announce;
import dev.heartbeat.protocol.message.SpaceName;
import dev.heartbeat.server.space.SpaceSummary;
import dev.heartbeat.server.space.Spaces;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnauthorizedResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spaces API: list spaces, inspect one, and let an admin announce to one. */
public final class SpacesApi {
    private final Spaces spaces;
    private final Optional<String> adminToken;
    private final ObjectMapper json = new ObjectMapper();

    public SpacesApi(Spaces spaces, Optional<String> adminToken) {
        this.spaces = spaces;
        this.adminToken = adminToken;
    }

    /** {@code GET /api/spaces} */
    public void list(Context ctx) {
        List<Map<String, Object>> rows = spaces.summaries().stream()
                .map(s -> Map.<String, Object>of("space", s.space(), "active", s.active(), "waiting", s.waiting(),
                        "capacity", s.capacity()))
                .toList();
        ctx.json(Map.of("spaces", rows));
    }

    /** {@code GET /api/spaces/{space}} */
    public void show(Context ctx) {
        SpaceSummary summary = spaces.summary(validName(ctx)).orElseThrow(() -> new NotFoundResponse("nobody is in that space"));
        ctx.json(Map.of("space", summary.space(), "capacity", summary.capacity(), "members", summary.members(),
                "waiting", summary.waiting()));
    }

    /** {@code POST /api/spaces/{space}/announce} with {@code {"text":"..."}} and the admin bearer token. */
    public void announce(Context ctx) {
        String expected = adminToken.orElseThrow(() ->
                new ForbiddenResponse("announcements are disabled: start the server with --admin-token"));
        String given = Optional.ofNullable(ctx.header("Authorization")).orElse("");
        if (!constantTimeEquals(given, "Bearer " + expected)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new UnauthorizedResponse("an admin token is required: Authorization: Bearer <token>");
        }
        String name = validName(ctx);
        String text = textOf(ctx.body());
        if (!spaces.announce(name, text)) throw new NotFoundResponse("nobody is in that space");
        ctx.status(HttpStatus.ACCEPTED).json(Map.of("space", name, "text", text));
    }

    private static String validName(Context ctx) {
        String name = ctx.pathParam("space");
        if (!SpaceName.isValid(name)) throw new BadRequestResponse("invalid space name: " + SpaceName.rule());
        return name;
    }

    private String textOf(String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception e) {
            throw new BadRequestResponse("the body must be JSON: {\"text\":\"...\"}");
        }
        JsonNode text = node == null ? null : node.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new BadRequestResponse("the body must be JSON: {\"text\":\"...\"}");
        }
        if (text.asText().length() > Announce.MAX_LENGTH) {
            throw new BadRequestResponse("an announcement has at most " + Announce.MAX_LENGTH + " characters");
        }
        return text.asText().strip();
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
