package dev.heartbeat.server;

import dev.heartbeat.protocol.message.CloseCode;
import dev.heartbeat.server.fanout.FanoutStats;
import dev.heartbeat.server.space.SpaceSummary;
import dev.heartbeat.server.space.Spaces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The server's meters, exposed at {@code /metrics}; names are documented in the README. */
public final class ServerMetrics implements FanoutStats {
    /** Close codes that reach us without being sent: no status (1005) and lost without a close frame (1006). */
    static final int NO_STATUS = 1005;
    static final int ABNORMAL = 1006;
    /** Every other close code is counted under this label, so that a client cannot grow the label set. */
    static final String OTHER_CODE = "other";
    /**
     * Latency buckets, explicit and few so that each timer is a dozen series: the batching window
     * (16 ms by default) falls between 10 and 25 ms, a local handshake near 1 ms, and past a
     * second a viewer sees the lag (or a cluster store stalls).
     */
    private static final Duration[] LATENCY_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000);

    private final MeterRegistry registry;
    // Counted once per frame on the flush threads: plain LongAdders, read only when scraped.
    private final LongAdder eventsOut = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final Counter pulsesDropped;
    private final Counter pulsesRateLimited;
    private final Map<Integer, Counter> closesByCode;
    private final Counter closesOther;
    private final Timer fanoutDelay;
    private final Timer handshake;

    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("heartbeat.events.out", eventsOut, LongAdder::sum).description("events delivered to connections").register(registry);
        FunctionCounter.builder("heartbeat.frames.out", framesOut, LongAdder::sum).description("WebSocket frames sent").register(registry);
        this.pulsesDropped = Counter.builder("heartbeat.pulses.dropped").description("pulses dropped for slow consumers").register(registry);
        this.pulsesRateLimited = Counter.builder("heartbeat.pulses.rate.limited").description("pulses refused over the rate limit").register(registry);
        // Registered up front, at zero: a dashboard's rate() then works from the first scrape.
        this.closesByCode = contractCloseCodes().boxed()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), code -> closes(Integer.toString(code))));
        this.closesOther = closes(OTHER_CODE);
        this.fanoutDelay = Timer.builder("heartbeat.fanout.delay")
                .description("from an event accepted by its space to the frame holding it written to a viewer")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        this.handshake = Timer.builder("heartbeat.handshake")
                .description("from the WebSocket upgrade request to the welcome frame sent")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    /** The codes of the contract (protocol-v1, "Close codes") and the two a peer's loss produces. */
    static IntStream contractCloseCodes() {
        return IntStream.concat(Arrays.stream(CloseCode.values()).mapToInt(CloseCode::code), IntStream.of(NO_STATUS, ABNORMAL));
    }

    private Counter closes(String code) {
        return Counter.builder("heartbeat.closes").tag("code", code).description("WebSocket connections closed, by close code")
                .register(registry);
    }

    private static Duration[] millis(long... values) {
        return Arrays.stream(values).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
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

    /** Counts a close under its code when the contract names it, else under {@code other}. */
    public void closed(int code) {
        closesByCode.getOrDefault(code, closesOther).increment();
    }

    /**
     * One batching window's way through the fan-out: from the moment its space accepted the
     * window's first event to the moment its frames were written to the sockets of every viewer
     * ({@code System.nanoTime()} difference).
     */
    public void fanoutDelay(long nanos) {
        fanoutDelay.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One WebSocket handshake: from the upgrade request to the welcome frame queued ({@code System.nanoTime()} difference). */
    public void handshake(long nanos) {
        handshake.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void frameSent(int events) {
        framesOut.increment();
        eventsOut.add(events);
    }

    /** A space's window reached its viewers' sockets: the delay of its oldest event. */
    @Override
    public void windowWritten(long delayNanos) {
        fanoutDelay(delayNanos);
    }

    @Override
    public void pulsesDropped(int count) {
        pulsesDropped.increment(count);
    }
}
