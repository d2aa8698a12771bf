package dev.heartbeat.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Pages of the web client that live at routes rather than files, such as {@code /s/{space}}. */
public final class Pages {
    /** Only our own origin: no CDN, no inline script, sockets back to this server. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self'; "
                    + "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final byte[] index = resource("/web/index.html");
    private final byte[] player = resource("/web/replay.html");

    /** False only in a build without the web-client module's resources. */
    public static boolean webClientPackaged() {
        return Pages.class.getResource("/web/index.html") != null;
    }

    /** {@code GET /s/{space}}: the page reads the space from its own URL. */
    public void space(Context ctx) {
        page(ctx, index);
    }

    /** {@code GET /replay} and {@code /replay/{id}}: the player reads the recording from its own URL. */
    public void replay(Context ctx) {
        page(ctx, player);
    }

    private static void page(Context ctx, byte[] html) {
        if (html == null) throw new NotFoundResponse("the web client is not packaged with this server");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cache-Control", "no-cache")
                .contentType("text/html; charset=utf-8")
                .result(html);
    }

    private static byte[] resource(String path) {
        try (InputStream in = Pages.class.getResourceAsStream(path)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
