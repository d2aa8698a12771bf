package dev.heartbeat.server.space;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Limits;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** What every space of a server shares: its limits, codec, observer, clock and timers. */
public record SpaceSettings(
        int capacity,
        int maxQueue,
        Duration resumeGrace,
        Limits limits,
        ProtocolCodec codec,
        SpaceObserver observer,
        Clock clock,
        ScheduledExecutorService timers) {}
