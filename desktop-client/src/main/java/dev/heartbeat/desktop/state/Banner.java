package dev.heartbeat.desktop.state;

/** A transient line over the drawing: a server announcement or a notice about the viewer itself. */
public record Banner(String text, Kind kind, long shownAt) {
    /** How long a banner stays, in milliseconds of local time. */
    public static final long SHOW_MS = 6_000;

    public enum Kind {
        /** An {@code announce} from the server, for everyone in the space. */
        ANNOUNCE,
        /** Something about this viewer alone: a refused pulse, a rate limit. */
        NOTICE
    }

    public boolean visibleAt(long localTime) {
        return localTime >= shownAt && localTime - shownAt < SHOW_MS;
    }
}
