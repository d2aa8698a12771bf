package dev.heartbeat.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.jetty12.server.TimedHandler;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * The JVM's, the process's and Jetty's meters, all from Micrometer's own binders, under their
 * names ({@code jvm_*}, {@code process_*}, {@code system_*}, {@code jetty_*}), so that the
 * dashboards people already have for them work here too.
 */
final class PlatformMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private JettyServerThreadPoolMetrics threads;

    private PlatformMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** JVM memory, GC, threads, class loading; process CPU, uptime and file descriptors. */
    static PlatformMetrics bind(MeterRegistry registry) {
        // The plain ServerConnector reports no network traffic to the binder, so its byte counts would
        // stay 0: leave them out rather than show a flat line.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("jetty.connections.bytes"));
        PlatformMetrics platform = new PlatformMetrics(registry);
        List<MeterBinder> binders = List.of(new JvmInfoMetrics(), new JvmMemoryMetrics(), platform.gc, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics());
        binders.forEach(binder -> binder.bindTo(registry));
        return platform;
    }

    /** Jetty's pool: busy, idle and queued work ({@code jetty_threads_*}). */
    <T extends ThreadPool> T threads(T pool) {
        threads = new JettyServerThreadPoolMetrics(pool, Tags.empty());
        threads.bindTo(registry);
        return pool;
    }

    /** Add to the connector as a bean: open connections and their durations ({@code jetty_connections_*}). */
    JettyConnectionMetrics connections(Connector connector) {
        return new JettyConnectionMetrics(registry, connector);
    }

    /** The server's outer handler: HTTP requests by method and status ({@code jetty_server_requests_*}). */
    Handler.Singleton requests() {
        return new TimedHandler(registry, Tags.empty());
    }

    @Override
    public void close() {
        gc.close();
        try {
            if (threads != null) threads.close();
        } catch (Exception e) {
            throw new IllegalStateException(e); // it only unregisters meters; nothing to recover
        }
    }
}
