package dev.heartbeat.server.warmup;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A busy space played against a server through real sockets: a crowd of viewers arriving at once
 * and waiting in line, the members with a line pulsing, a few hundred viewers a second coming and
 * going, a tenth of them without a close handshake. Whatever this runs, the JIT compiles before
 * real visitors need it.
 */
public final class WarmUpTraffic {
    /** What was played: the connections welcomed, and whether the JIT settled before the longest warm-up. */
    public record Played(int connections, boolean settled) {}

    private static final Logger LOG = LoggerFactory.getLogger(WarmUpTraffic.class);
    /** Viewers arriving together in one space, at most {@link #MAX_CONNECTING} handshakes at a time. */
    private static final int CROWD = 3_000;
    private static final long WATCH_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int SPACES = 4;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int ARRIVALS_PER_TICK = 3;
    private static final long STAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Pulses every 200 ms (the rate limit is 10 a second). */
    private static final int TICKS_PER_PULSE = 20;
    private static final int TICKS_PER_PING = 100;
    private static final int MAX_CONNECTING = 200;
    private static final long GOODBYE_MILLIS = 3_000;

    private final URI server;
    private final long endNanos;
    private final BooleanSupplier settled;
    private final AtomicInteger connecting = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private int opened; // only the warm-up thread counts
    private final List<WarmUpViewer> audience = new ArrayList<>();
    private final Deque<WarmUpViewer> visitors = new ArrayDeque<>();

    private WarmUpTraffic(URI server, long endNanos, BooleanSupplier settled) {
        this.server = server;
        this.endNanos = endNanos;
        this.settled = settled;
    }

    private boolean playing() {
        return System.nanoTime() < endNanos && !settled.getAsBoolean();
    }

    /**
     * Plays against {@code ws://host:port} until the JIT has settled ({@link CompilerQuiet}) or
     * for {@code longest}, whichever is first, then closes every connection it opened.
     */
    public static Played play(URI server, Duration longest) throws Exception {
        return play(server, longest, new CompilerQuiet());
    }

    static Played play(URI server, Duration longest, BooleanSupplier enough) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("heartbeat-warm-up-client");
        threads.setDaemon(true);
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        WebSocketCoreClient client = new WebSocketCoreClient(http, null);
        http.start();
        client.start();
        WarmUpTraffic traffic = new WarmUpTraffic(server, System.nanoTime() + longest.toNanos(), enough);
        try {
            traffic.run(client);
            return new Played(traffic.connected.get(), traffic.settled.getAsBoolean());
        } finally {
            traffic.goodbye();
            client.stop();
            http.stop();
        }
    }

    /** Rounds of: a crowd arrives at once (a shared link), watches while others come and go, and leaves. */
    private void run(WebSocketCoreClient client) throws InterruptedException {
        long tick = 0;
        long nextTickNanos = System.nanoTime();
        while (playing()) {
            long roundEndNanos = Long.MAX_VALUE;
            while (playing() && System.nanoTime() < roundEndNanos) {
                while (audience.size() < CROWD && connecting.get() < MAX_CONNECTING) audience.add(open(client, 0));
                if (audience.size() == CROWD && roundEndNanos == Long.MAX_VALUE) roundEndNanos = System.nanoTime() + WATCH_NANOS;
                if (System.nanoTime() - nextTickNanos >= 0) {
                    tick(client, tick++);
                    nextTickNanos += TICK_NANOS;
                }
                Thread.sleep(1);
            }
            audience.forEach(WarmUpTraffic::leave);
            audience.clear();
        }
    }

    private void tick(WebSocketCoreClient client, long tick) {
        for (int i = 0; i < ARRIVALS_PER_TICK && connecting.get() < MAX_CONNECTING; i++) {
            visitors.addLast(open(client, (int) ((tick + i) % SPACES)));
        }
        while (!visitors.isEmpty() && System.nanoTime() - visitors.peekFirst().openedNanos > STAY_NANOS) {
            leave(visitors.removeFirst());
        }
        if (tick % TICKS_PER_PULSE == 0) everyone(tick % TICKS_PER_PING == 0, tick);
    }

    /** Active viewers pulse; once a second the waiting ones press Space too, and everyone pings. */
    private void everyone(boolean onceASecond, long tick) {
        for (WarmUpViewer viewer : audience) act(viewer, onceASecond, tick);
        for (WarmUpViewer viewer : visitors) act(viewer, onceASecond, tick);
    }

    private static void act(WarmUpViewer viewer, boolean onceASecond, long tick) {
        viewer.pulse(onceASecond);
        if (onceASecond) viewer.ping(tick);
    }

    private static void leave(WarmUpViewer viewer) {
        if (ThreadLocalRandom.current().nextInt(10) == 0) viewer.abort();
        else viewer.close();
    }

    private WarmUpViewer open(WebSocketCoreClient client, int space) {
        WarmUpViewer viewer = new WarmUpViewer();
        connecting.incrementAndGet();
        try {
            client.connect(viewer, server.resolve("/ws/warm-up-" + space + "?name=viewer-" + ++opened))
                    .whenComplete((session, failure) -> {
                        connecting.decrementAndGet();
                        if (failure == null) connected.incrementAndGet();
                        else LOG.debug("warm-up connection failed: {}", failure.toString());
                    });
        } catch (Exception e) {
            connecting.decrementAndGet();
            LOG.debug("warm-up connection failed: {}", e.toString());
        }
        return viewer;
    }

    /** Closes everything and waits a little for the closes, so that the server's close path runs too. */
    private void goodbye() throws InterruptedException {
        List<WarmUpViewer> everyone = new ArrayList<>(audience);
        everyone.addAll(visitors);
        everyone.forEach(WarmUpViewer::close);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GOODBYE_MILLIS);
        while (System.nanoTime() < deadline && (connecting.get() > 0 || everyone.stream().anyMatch(WarmUpViewer::open))) {
            TimeUnit.NANOSECONDS.sleep(TICK_NANOS);
        }
    }
}
