package dev.heartbeat.desktop.connection;

import dev.heartbeat.protocol.message.MemberName;
import dev.heartbeat.protocol.message.SpaceName;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which space of which server to view, and under which name.
 *
 * @param server the server's base address, {@code ws://host:port} or {@code wss://host:port}
 * @param space  a valid space name ({@link SpaceName})
 * @param name   the display name asked for, cleaned as the server would; empty lets the server pick
 */
public record SpaceAddress(URI server, String space, String name) {
    public static final String DEFAULT_SERVER = "ws://localhost:8080";

    public SpaceAddress {
        if (server == null || server.getHost() == null) throw new IllegalArgumentException("the server needs a host, like " + DEFAULT_SERVER);
        if (!"ws".equals(server.getScheme()) && !"wss".equals(server.getScheme())) {
            throw new IllegalArgumentException("the server address starts with ws:// or wss://");
        }
        if (!SpaceName.isValid(space)) throw new IllegalArgumentException(SpaceName.rule());
        name = MemberName.clean(name);
    }

    /**
     * Reads what a person typed: {@code host:port}, {@code ws://…}, {@code wss://…}, {@code http://…}
     * or {@code https://…} (the page's address works too), with or without a trailing slash.
     *
     * @throws IllegalArgumentException with words for the person when something does not fit
     */
    public static SpaceAddress parse(String server, String space, String name) {
        return new SpaceAddress(serverUri(server), space == null ? "" : space.strip(), name);
    }

    static URI serverUri(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) throw new IllegalArgumentException("give the server's address, like " + DEFAULT_SERVER);
        if (!text.contains("://")) text = "ws://" + text;
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a server address: " + typed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String socketScheme = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException("the server address starts with ws:// or wss://, not " + scheme + "://");
        };
        if (uri.getHost() == null) throw new IllegalArgumentException("the server address needs a host: " + typed);
        try {
            return new URI(socketScheme, null, uri.getHost(), uri.getPort(), null, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a server address: " + typed);
        }
    }

    /** The socket address {@code /ws/{space}?name=…&resume=…}; {@code resume} may be null. */
    public URI socketUri(String resume) {
        StringBuilder query = new StringBuilder();
        if (!name.isEmpty()) query.append("name=").append(encode(name));
        if (resume != null && !resume.isEmpty()) {
            if (query.length() > 0) query.append('&');
            query.append("resume=").append(encode(resume));
        }
        String base = server.getScheme() + "://" + server.getRawAuthority() + "/ws/" + space;
        return URI.create(query.length() == 0 ? base : base + "?" + query);
    }

    /** For status bars and titles: {@code lobby on ws://host:8080}. */
    public String describe() {
        return space + " on " + server;
    }

    private static String encode(String value) {
        // URLEncoder writes spaces as '+', which query decoders of WebSocket servers read back as spaces.
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
