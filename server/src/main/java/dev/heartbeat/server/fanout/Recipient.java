package dev.heartbeat.server.fanout;

import java.util.ArrayList;

/**
 * A viewer as its space's {@link SpaceWindow} sees it: an outbox, plus what the window notes about
 * it while a window is open. Those fields are guarded by the space's lock and touched by the window only.
 */
public abstract class Recipient {
    /** The window in which this recipient needs a frame of its own, or -1. */
    private int personalWindow = -1;
    /** In that window: how many shared events there were when it entered; it gets only later ones. */
    private int enteredAt;
    /** In that window: events for it alone, each with the number of shared events before it. */
    private ArrayList<Object> personal;

    /** The connection to write to; null while the viewer is held for a resume. */
    public abstract Outbox outbox();

    boolean personalIn(int window) {
        return personalWindow == window;
    }

    /** Marks this recipient as needing its own frame in {@code window}; false when it already was. */
    boolean personalize(int window) {
        if (personalWindow == window) return false;
        personalWindow = window;
        enteredAt = 0;
        personal = null;
        return true;
    }

    void enteredAt(int sharedEvents) {
        enteredAt = sharedEvents;
        personal = null;
    }

    int enteredAt() {
        return enteredAt;
    }

    void addPersonal(int sharedBefore, byte[] event) {
        if (personal == null) personal = new ArrayList<>(2);
        personal.add(sharedBefore);
        personal.add(event);
    }

    /** The personal events as pairs (shared events before it, event), or null. */
    ArrayList<Object> personal() {
        return personal;
    }

    void windowClosed() {
        personal = null;
    }
}
