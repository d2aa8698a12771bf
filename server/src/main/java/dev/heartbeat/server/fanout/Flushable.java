package dev.heartbeat.server.fanout;

/** Something the {@link FlushClock} sends when its window ends: a space's window, or one connection's backlog. */
interface Flushable {
    void flush();

    /** The flush threw: the flushable decides what that costs it (an outbox closes with 1011). */
    void failed(RuntimeException cause);
}
