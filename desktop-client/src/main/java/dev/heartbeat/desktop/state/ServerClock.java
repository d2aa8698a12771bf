package dev.heartbeat.desktop.state;

/**
 * The local estimate of server time: server time {@code serverAnchor} was (or will be) at local time
 * {@code localAnchor}, and it runs {@code rate} times as fast as the local clock. Live viewing runs
 * at rate 1: every viewer draws the same picture only if it agrees on server time, so the welcome
 * sets a first guess and each pong with a short round trip refines it. A recording's clock runs at
 * the playback speed, or stands still (rate 0) while paused.
 */
public record ServerClock(long localAnchor, long serverAnchor, double rate, long roundTripMillis) {
    /** Round trips above this say more about a busy network than about the clock. */
    static final long TRUSTED_ROUND_TRIP_MS = 2_000;

    /** Before any welcome: server time is local time. */
    public static final ServerClock LOCAL = new ServerClock(0, 0, 1, Long.MAX_VALUE);

    /** From a welcome stamped {@code serverTime} and received at {@code localTime}; latency unknown. */
    public static ServerClock fromWelcome(long serverTime, long localTime) {
        return new ServerClock(localTime, serverTime, 1, Long.MAX_VALUE);
    }

    /** A clock that maps {@code localTime} to {@code serverTime} exactly and runs at real time. */
    public static ServerClock anchored(long serverTime, long localTime) {
        return replay(serverTime, localTime, 1);
    }

    /** A recording's clock: {@code serverTime} at {@code localTime}, running at {@code rate} (0 while paused). */
    public static ServerClock replay(long serverTime, long localTime, double rate) {
        return new ServerClock(localTime, serverTime, rate, 0);
    }

    /**
     * Refined by a pong for a ping sent at local time {@code sentAt}, stamped {@code serverTime}
     * and received at {@code receivedAt}: the server stamped it halfway through the round trip.
     */
    public ServerClock withPong(long sentAt, long serverTime, long receivedAt) {
        long roundTrip = receivedAt - sentAt;
        if (roundTrip < 0 || roundTrip > TRUSTED_ROUND_TRIP_MS) return this;
        return new ServerClock(sentAt + roundTrip / 2, serverTime, 1, roundTrip);
    }

    public long serverTimeAt(long localTime) {
        long elapsed = localTime - localAnchor;
        return serverAnchor + (rate == 1 ? elapsed : Math.round(elapsed * rate));
    }
}
