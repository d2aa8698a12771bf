package dev.heartbeat.desktop.connection;

import dev.heartbeat.protocol.message.CloseCode;
import java.util.regex.Matcher;
import org.java_websocket.framing.CloseFrame;
import java.util.regex.Pattern;

/** What a closed socket means for the viewer: try again, or stop and say why. */
record CloseRule(boolean retry, long minimumDelayMs, String reason) {
    /** A full space may stay full for a while; do not knock every half second. */
    static final long SPACE_FULL_DELAY_MS = 5_000;

    /** Java-WebSocket reports a refused handshake with the HTTP status line in the close message. */
    private static final Pattern HTTP_STATUS = Pattern.compile("Invalid status code received: (\\d{3})");

    static CloseRule of(int code, String message, boolean remote) {
        Matcher status = HTTP_STATUS.matcher(message == null ? "" : message);
        if (status.find()) return handshakeRefused(Integer.parseInt(status.group(1)));
        if (code == CloseFrame.NEVER_CONNECTED || code == CloseFrame.BUGGYCLOSE) return retry(0, "cannot reach the server");
        if (code == CloseCode.NORMAL.code()) {
            return new CloseRule(false, 0, remote ? "closed by the server" : "closed");
        }
        if (code == CloseCode.SPACE_FULL.code()) return retry(SPACE_FULL_DELAY_MS, CloseCode.describe(code));
        if (code == CloseCode.GOING_AWAY.code() || code == CloseCode.SERVER_ERROR.code()
                || code == CloseCode.TRY_AGAIN_LATER.code() || code == CloseFrame.ABNORMAL_CLOSE
                || code == CloseFrame.NOCODE || code == CloseFrame.SERVICE_RESTART) {
            return retry(0, CloseCode.describe(code));
        }
        // Policy, replaced, bad data: trying again would be refused the same way or fight another window.
        return new CloseRule(false, 0, CloseCode.describe(code));
    }

    private static CloseRule handshakeRefused(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> new CloseRule(false, 0, "the server refused the space name (HTTP 400)");
            case 403 -> new CloseRule(false, 0, "the server refused this viewer's origin (HTTP 403)");
            case 404 -> new CloseRule(false, 0, "no Heartbeat server at this address (HTTP 404)");
            default -> httpStatus >= 500
                    ? retry(0, "the server is not ready (HTTP " + httpStatus + ")")
                    : new CloseRule(false, 0, "the server refused the connection (HTTP " + httpStatus + ")");
        };
    }

    private static CloseRule retry(long minimumDelayMs, String reason) {
        return new CloseRule(true, minimumDelayMs, reason);
    }
}
