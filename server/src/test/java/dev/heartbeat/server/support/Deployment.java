package dev.heartbeat.server.support;

import java.net.URI;
import java.net.http.HttpResponse;

/** What a protocol test talks to: one server, or several nodes joined through Redis. */
public interface Deployment extends AutoCloseable {
    /** Where the next viewer connects; a cluster spreads viewers over its nodes in turn. */
    URI ws(String space, String query);

    HttpResponse<String> get(String path);

    @Override
    void close();
}
