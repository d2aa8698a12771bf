package dev.heartbeat.server.support;

import dev.heartbeat.server.config.ServerConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Two nodes joined through a real redis-server; viewers connect to them in turn. */
public final class RunningCluster implements Deployment {
    private final RedisProcess redis;
    private final List<RunningServer> nodes;
    private final AtomicInteger next = new AtomicInteger();

    private RunningCluster(RedisProcess redis, List<RunningServer> nodes) {
        this.redis = redis;
        this.nodes = nodes;
    }

    public static RunningCluster start(UnaryOperator<ServerConfig.Builder> settings) {
        try {
            RedisProcess redis = RedisProcess.start();
            return new RunningCluster(redis, List.of(
                    RunningServer.start(c -> settings.apply(c).redis(redis.uri()).nodeId("node-a")),
                    RunningServer.start(c -> settings.apply(c).redis(redis.uri()).nodeId("node-b"))));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public URI ws(String space, String query) {
        return nodes.get(next.getAndIncrement() % nodes.size()).ws(space, query);
    }

    @Override
    public HttpResponse<String> get(String path) {
        return nodes.get(0).get(path);
    }

    @Override
    public void close() {
        nodes.forEach(RunningServer::close);
        try {
            redis.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
