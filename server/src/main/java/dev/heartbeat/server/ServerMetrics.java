package dev.heartbeat.server;

import dev.heartbeat.server.fanout.FanoutStats;
import dev.heartbeat.server.space.SpaceSummary;
import dev.heartbeat.server.space.Spaces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/** The server's meters, exposed at {@code /metrics}; names are documented in the README. */
public final class ServerMetrics implements FanoutStats {
    private final MeterRegistry registry;
    // Counted once per frame on the flush threads: plain LongAdders, read only when scraped.
    private final LongAdder eventsOut = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final Counter pulsesDropped;
    private final Counter pulsesRateLimited;

    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("heartbeat.events.out", eventsOut, LongAdder::sum).description("events delivered to connections").register(registry);
        FunctionCounter.builder("heartbeat.frames.out", framesOut, LongAdder::sum).description("WebSocket frames sent").register(registry);
        this.pulsesDropped = Counter.builder("heartbeat.pulses.dropped").description("pulses dropped for slow consumers").register(registry);
        this.pulsesRateLimited = Counter.builder("heartbeat.pulses.rate.limited").description("pulses refused over the rate limit").register(registry);
    }

    /** Gauges read live state when scraped, so nothing is counted twice. */
    public void watch(Spaces spaces, IntSupplier connections) {
        Gauge.builder("heartbeat.connections", connections::getAsInt).description("open WebSocket connections").register(registry);
        Gauge.builder("heartbeat.spaces", spaces::count).description("spaces with viewers").register(registry);
        gaugeOverSpaces(spaces, "heartbeat.members.active", "members with a line", SpaceSummary::active);
        gaugeOverSpaces(spaces, "heartbeat.members.waiting", "viewers waiting in a queue", SpaceSummary::waiting);
    }

    private void gaugeOverSpaces(Spaces spaces, String name, String description, ToIntFunction<SpaceSummary> value) {
        Gauge.builder(name, () -> spaces.summaries().stream().mapToInt(value).sum())
                .description(description).register(registry);
    }

    public void messageIn(String type) {
        registry.counter("heartbeat.events.in", "type", type).increment();
    }

    public void pulseRateLimited() {
        pulsesRateLimited.increment();
    }

    public void closed(int code) {
        registry.counter("heartbeat.closes", "code", Integer.toString(code)).increment();
    }

    @Override
    public void frameSent(int events) {
        framesOut.increment();
        eventsOut.add(events);
    }

    @Override
    public void pulsesDropped(int count) {
        pulsesDropped.increment(count);
    }
}
