package dev.heartbeat.bench.client;

import dev.heartbeat.protocol.codec.ProtocolCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Many WebSocket connections from one JVM without a thread per connection.
 *
 * <p>Why Jetty 12's WebSocket client: it is non-blocking (a few selector threads serve every
 * socket), it is the very Jetty the server runs (Javalin 7.2.3 brings 12.1.12, so one set of jars
 * and the same WebSocket implementation on both ends of the tests), its HttpClient binds a local
 * address, and it answers the server's ping frames by itself, which an idle connection needs to
 * outlive the server's idle timeout. Netty would be a little leaner per socket but would need a
 * hand-written handshake and framing layer, and one more stack to keep in step.
 *
 * <p>A socket bound to a chosen local address takes its port at bind time, so one source address
 * gives at most the size of {@code net.ipv4.ip_local_port_range} (about 28,000) connections. The
 * fleet therefore runs one HttpClient per source address (127.0.0.1, 127.0.0.2, …) and deals the
 * connections out round-robin; all of them share one thread pool, scheduler and buffer pool.
 */
public final class ClientFleet implements AutoCloseable {
    /** Connections one source address takes comfortably within Linux's default 28,232 ephemeral ports. */
    public static final int CONNECTIONS_PER_SOURCE_ADDRESS = 25_000;
    /** 127.0.0.1 to 127.0.0.254. */
    public static final int MAX_SOURCE_ADDRESSES = 254;
    /** Batches hold at most 256 events, a few KiB; anything near this is a broken server. */
    private static final long MAX_TEXT_MESSAGE_BYTES = 1 << 20;

    private final QueuedThreadPool threads;
    private final ScheduledExecutorScheduler scheduler;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final List<HttpClient> httpClients = new ArrayList<>();
    private final Semaphore handshakes;
    private final int maxHandshakes;
    private final int selectorsPerAddress;
    private final Duration connectTimeout;
    private final Tally tally = new Tally();
    private final ProtocolCodec codec = new ProtocolCodec(Integer.MAX_VALUE);
    private final AtomicInteger nextClient = new AtomicInteger();

    /**
     * @param sourceAddresses how many of 127.0.0.1… to spread connections over
     * @param selectors       selector threads in all, shared out over the source addresses (at least one each)
     * @param maxHandshakes   connects in flight at once; the rest wait their turn
     * @param connectTimeout  how long one connect may take, TCP and upgrade together
     * @param idleTimeout     how long a silent connection is kept by the client; longer than any run
     */
    public ClientFleet(int sourceAddresses, int selectors, int maxHandshakes, Duration connectTimeout, Duration idleTimeout)
            throws Exception {
        if (sourceAddresses < 1 || sourceAddresses > MAX_SOURCE_ADDRESSES) {
            throw new IllegalArgumentException("source addresses must be 1 to " + MAX_SOURCE_ADDRESSES);
        }
        if (maxHandshakes < 1) throw new IllegalArgumentException("at least one handshake at a time");
        this.handshakes = new Semaphore(maxHandshakes);
        this.maxHandshakes = maxHandshakes;
        if (selectors < 1) throw new IllegalArgumentException("at least one selector");
        this.connectTimeout = connectTimeout;

        // Jetty runs a read and its frame callbacks on the selector's own thread when it can, so one
        // selector caps the whole client at one core: with one, a 5,000-viewer fan-out lost 7-46 % of
        // its pulses that four selectors received in full. Workers beyond the selectors: a handful.
        this.selectorsPerAddress = Math.max(1, (selectors + sourceAddresses - 1) / sourceAddresses);
        int selectorThreads = selectorsPerAddress * sourceAddresses;
        this.threads = new QueuedThreadPool(selectorThreads + 8, Math.min(selectorThreads + 8, 4));
        threads.setName("bench-client");
        threads.setDaemon(true);
        threads.start();
        this.scheduler = new ScheduledExecutorScheduler("bench-scheduler", true);
        scheduler.start();
        ByteBufferPool buffers = new ArrayByteBufferPool();

        for (InetAddress source : sourceAddresses(sourceAddresses)) {
            ClientConnector connector = new ClientConnector();
            connector.setSelectors(selectorsPerAddress);
            connector.setExecutor(threads);
            connector.setScheduler(scheduler);
            connector.setByteBufferPool(buffers);
            // Binding to a chosen address makes the kernel search its bind table for a free port on
            // every connect, slower with every socket held (perf: inet_bind2_bucket_find and
            // inet_bhash2_conflict were a tenth of the client's CPU at 8,000 sockets). One source
            // address needs no bind: connect() picks the port on its fast path.
            if (sourceAddresses > 1) connector.setBindAddress(new InetSocketAddress(source, 0));
            connector.setConnectTimeout(connectTimeout);
            connector.setIdleTimeout(idleTimeout);
            connector.setTCPNoDelay(true);

            HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
            http.setExecutor(threads);
            http.setScheduler(scheduler);
            http.setByteBufferPool(buffers);
            http.setConnectTimeout(connectTimeout.toMillis());
            http.setIdleTimeout(idleTimeout.toMillis());
            http.setFollowRedirects(false);
            http.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "heartbeat-bench"));
            // An upgraded connection leaves the pool, so this only bounds handshakes in flight.
            http.setMaxConnectionsPerDestination(maxHandshakes);
            http.setMaxRequestsQueuedPerDestination(Math.max(1024, maxHandshakes * 2));

            WebSocketClient client = new WebSocketClient(http);
            client.setIdleTimeout(idleTimeout);
            client.setConnectTimeout(connectTimeout.toMillis());
            client.setMaxTextMessageSize(MAX_TEXT_MESSAGE_BYTES);
            client.setStopAtShutdown(false);
            client.start();
            httpClients.add(http);
            clients.add(client);
        }
    }

    /** Source addresses 127.0.0.1 … 127.0.0.{count}: all of 127.0.0.0/8 is this machine's loopback. */
    public static List<InetAddress> sourceAddresses(int count) {
        List<InetAddress> addresses = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            try {
                addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a four-byte address is always valid", e);
            }
        }
        return addresses;
    }

    /** How many source addresses {@code connections} need (at least one). */
    public static int sourceAddressesFor(long connections) {
        return (int) Math.max(1, Math.min(MAX_SOURCE_ADDRESSES,
                (connections + CONNECTIONS_PER_SOURCE_ADDRESS - 1) / CONNECTIONS_PER_SOURCE_ADDRESS));
    }

    public int selectorCount() {
        return clients.size() * selectorsPerAddress;
    }

    public int sourceAddressCount() {
        return clients.size();
    }

    public Tally tally() {
        return tally;
    }

    /**
     * Starts one connect, waiting first for a free handshake slot until {@code deadlineNanos}.
     *
     * @return the connection (its outcome arrives through {@code traffic}), or null when no slot
     *         freed up before the deadline
     */
    public ProbeConnection open(URI uri, int index, Traffic traffic, long deadlineNanos) throws InterruptedException {
        long waitNanos = deadlineNanos - System.nanoTime();
        if (waitNanos <= 0 || !handshakes.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) return null;
        ProbeConnection connection = new ProbeConnection(index, traffic, tally, codec);
        WebSocketClient client = clients.get(Math.floorMod(nextClient.getAndIncrement(), clients.size()));
        connection.connecting(System.nanoTime());
        try {
            // No Origin header: the server admits clients that send none, and refuses foreign ones.
            ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
            client.connect(connection, request)
                    .orTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((session, failure) -> {
                        handshakes.release();
                        if (failure != null) connection.connectFailed(failure);
                    });
        } catch (Exception e) {
            handshakes.release();
            connection.connectFailed(e);
        }
        return connection;
    }

    /** Handshakes currently in flight. */
    public int handshakesInFlight() {
        return maxHandshakes - handshakes.availablePermits();
    }

    /** Stops every client: connections still open are dropped. */
    @Override
    public void close() {
        for (WebSocketClient client : clients) {
            try {
                client.stop();
            } catch (Exception e) {
                // Stopping is best effort at the end of a run; the JVM exits next.
            }
        }
        for (HttpClient http : httpClients) {
            try {
                http.stop();
            } catch (Exception e) {
                // As above.
            }
        }
        try {
            scheduler.stop();
            threads.stop();
        } catch (Exception e) {
            // As above.
        }
    }
}
