package dev.heartbeat.desktop.connection;

import dev.heartbeat.desktop.state.ViewerEvent;

/**
 * Receives what the connection learns, on the connection's own threads. The desktop app hands
 * each event to the FX thread; nothing here may touch the scene graph.
 */
@FunctionalInterface
public interface ConnectionListener {
    void onEvent(ViewerEvent event);
}
