package dev.heartbeat.desktop.state;

/**
 * The local estimate of server time: {@code serverTime = localTime + offset}. Every viewer draws the
 * same picture only if it agrees on server time, so the welcome sets a first guess and each pong
 * with a short round trip refines it.
 */
public record ServerClock(long offsetMillis, long roundTripMillis) {
    /** Round trips above this say more about a busy network than about the clock. */
    static final long TRUSTED_ROUND_TRIP_MS = 2_000;

    /** Before any welcome: server time is local time. */
    public static final ServerClock LOCAL = new ServerClock(0, Long.MAX_VALUE);

    /** From a welcome stamped {@code serverTime} and received at {@code localTime}; latency unknown. */
    public static ServerClock fromWelcome(long serverTime, long localTime) {
        return new ServerClock(serverTime - localTime, Long.MAX_VALUE);
    }

    /** A clock that maps {@code localTime} to {@code serverTime} exactly; recordings use it. */
    public static ServerClock anchored(long serverTime, long localTime) {
        return new ServerClock(serverTime - localTime, 0);
    }

    /**
     * Refined by a pong for a ping sent at local time {@code sentAt}, stamped {@code serverTime}
     * and received at {@code receivedAt}: the server stamped it halfway through the round trip.
     */
    public ServerClock withPong(long sentAt, long serverTime, long receivedAt) {
        long roundTrip = receivedAt - sentAt;
        if (roundTrip < 0 || roundTrip > TRUSTED_ROUND_TRIP_MS) return this;
        return new ServerClock(serverTime - (sentAt + roundTrip / 2), roundTrip);
    }

    public long serverTimeAt(long localTime) {
        return localTime + offsetMillis;
    }
}
