package dev.heartbeat.server.ws;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A socket gets {@code timeout} to finish its first request (for a WebSocket, the upgrade); one
 * that has not by then is closed. Jetty's idle timeout alone lets a client that sends a byte now
 * and then hold a descriptor for ever.
 */
public final class HandshakeDeadline implements Connection.Listener {
    private final Scheduler scheduler;
    private final long timeoutNanos;

    public HandshakeDeadline(Scheduler scheduler, Duration timeout) {
        this.scheduler = scheduler;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        // Only a socket's HTTP connection, the one a WebSocket upgrades from; the WebSocket is past its handshake.
        if (!(connection instanceof Connection.UpgradeFrom)) return;
        scheduler.schedule(() -> {
            boolean stillWaiting = connection.getEndPoint().getConnection() == connection && connection.getMessagesIn() == 0;
            if (stillWaiting && connection.getEndPoint().isOpen()) connection.getEndPoint().close();
        }, timeoutNanos, TimeUnit.NANOSECONDS);
    }
}
