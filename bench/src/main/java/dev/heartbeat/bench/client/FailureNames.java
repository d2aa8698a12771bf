package dev.heartbeat.bench.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;

/** Short, stable names for why a connect failed, so a report can count them. */
final class FailureNames {
    private static final int MAX_DEPTH = 16;

    private FailureNames() {}

    static String of(Throwable cause) {
        Throwable root = cause;
        int depth = 0;
        for (Throwable t = cause; t != null && depth < MAX_DEPTH; t = t.getCause() == t ? null : t.getCause(), depth++) {
            // An answered upgrade says most: the HTTP status the server refused it with.
            if (t instanceof UpgradeException upgrade && upgrade.getResponseStatusCode() > 0) {
                return "http-" + upgrade.getResponseStatusCode();
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("Too many open files")) return "too-many-open-files";
            if (message.contains("Cannot assign requested address")) return "no-free-port";
            root = t;
        }
        if (root instanceof BindException) return "bind";
        if (root instanceof ConnectException) return "refused";
        if (root instanceof NoRouteToHostException) return "no-route";
        if (root instanceof SocketTimeoutException || root instanceof TimeoutException) return "timeout";
        if (root instanceof ClosedChannelException) return "closed";
        if (root instanceof EOFException) return "eof";
        if (root instanceof UpgradeException) return "upgrade";
        if (root instanceof IOException) return "io";
        return root.getClass().getSimpleName();
    }
}
