package dev.heartbeat.server.space;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.server.fanout.FanoutStats;
import dev.heartbeat.server.fanout.FlushClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** What every space of a server shares: its limits, codec, observer, clock, timers and fan-out. */
public record SpaceSettings(
        int capacity,
        int maxQueue,
        Duration resumeGrace,
        Limits limits,
        ProtocolCodec codec,
        SpaceObserver observer,
        Clock clock,
        ScheduledExecutorService timers,
        FlushClock flushClock,
        FanoutStats fanoutStats) {}
