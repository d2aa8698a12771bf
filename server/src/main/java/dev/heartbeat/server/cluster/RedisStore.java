package dev.heartbeat.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.LeaveReason;
import dev.heartbeat.protocol.message.Member;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The cluster's shared state in Redis, through Lettuce. Membership, queue and capacity change only
 * inside Lua scripts, which publish the events they cause in the same step; so every node sees
 * changes in one order. Calls fail fast while Redis is away instead of queueing.
 */
final class RedisStore implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = ProtocolCodec.newMapper();

    private final String node;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> events;
    private final String enterScript = script("enter.lua");
    private final String departScript = script("depart.lua");
    private final String renameScript = script("rename.lua");
    private final String snapshotScript = script("snapshot.lua");
    private final String leaseScript = script("lease.lua");
    private final String releaseScript = script("release.lua");

    /** What {@code enter.lua} answers. */
    record Entry(boolean full, String status, int position, long seq, List<Member> members, int waiting, Member you) {}

    /** The space as it is, current to {@code seq}. */
    record Snapshot(long seq, List<Member> members, int waiting) {}

    RedisStore(String uri, String node, BiConsumer<String, String> onMessage) {
        this.node = node;
        RedisURI target = RedisURI.create(uri);
        target.setTimeout(TIMEOUT);
        this.client = RedisClient.create(target);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        this.connection = client.connect();
        this.events = client.connectPubSub();
        events.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage.accept(channel, message);
            }
        });
    }

    static String channel(String space) {
        return "hb:s:" + space + ":events";
    }

    static String spaceOf(String channel) {
        return channel.substring("hb:s:".length(), channel.length() - ":events".length());
    }

    String node() {
        return node;
    }

    Entry enter(String space, Member member, int capacity, int maxQueue) {
        String answer = sync().eval(enterScript, ScriptOutputType.VALUE, new String[0],
                space, member.id(), write(member), node, Integer.toString(capacity), Integer.toString(maxQueue));
        JsonNode json = ClusterMessages.read(answer);
        if ("full".equals(json.get("status").asText())) return new Entry(true, "full", 0, 0, List.of(), 0, null);
        return new Entry(false, json.get("status").asText(), json.get("position").asInt(), json.get("seq").asLong(),
                members(json.get("members")), json.get("waiting").asInt(), ClusterMessages.member(json.get("you")));
    }

    /** @param holder only if this node holds the member; null for any */
    void depart(String space, String id, LeaveReason reason, String holder, int capacity) {
        sync().eval(departScript, ScriptOutputType.INTEGER, new String[0],
                space, id, reason.wire(), holder == null ? "" : holder, Integer.toString(capacity));
    }

    void departLater(String space, String id, LeaveReason reason, int capacity) {
        async().eval(departScript, ScriptOutputType.INTEGER, new String[0],
                space, id, reason.wire(), node, Integer.toString(capacity));
    }

    void renameLater(String space, String id, String name) {
        async().eval(renameScript, ScriptOutputType.INTEGER, new String[0], space, id, name);
    }

    Snapshot snapshot(String space) {
        JsonNode json = ClusterMessages.read(sync().eval(snapshotScript, ScriptOutputType.VALUE, new String[0], space));
        return new Snapshot(json.get("seq").asLong(), members(json.get("members")), json.get("waiting").asInt());
    }

    /** The cluster's resume secret: {@code candidate} if no node set one before, else the one set. */
    byte[] resumeSecret(byte[] candidate) {
        String key = "hb:resume-secret";
        sync().set(key, java.util.Base64.getEncoder().encodeToString(candidate), SetArgs.Builder.nx());
        return java.util.Base64.getDecoder().decode(sync().get(key));
    }

    /** The waiting queue in order, front first: one round trip, whatever its length. */
    List<String> queue(String space) {
        return sync().zrange("hb:s:" + space + ":queue", 0, -1);
    }

    /** Sends an event that changes no state (pulse, announce) to the other nodes, tagged with ours. */
    void publishLater(String space, String encodedEvent) {
        async().publish(channel(space), "E" + node + " " + encodedEvent);
    }

    void subscribe(String space) {
        try {
            events.async().subscribe(channel(space)).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new ClusterUnavailableException("cannot subscribe to " + space, e);
        }
    }

    void unsubscribeLater(String space) {
        events.async().unsubscribe(channel(space));
    }

    Set<String> spaces() {
        return sync().smembers("hb:spaces");
    }

    boolean spaceExists(String space) {
        return sync().sismember("hb:spaces", space);
    }

    long spaceCount() {
        return sync().scard("hb:spaces");
    }

    /** Takes or renews the lease to record {@code space}; true while this node holds it. */
    boolean holdRecordingLease(String space, Duration ttl) {
        String key = "hb:s:" + space + ":recorder";
        Long held = sync().eval(leaseScript, ScriptOutputType.INTEGER, new String[] {key}, node, Long.toString(ttl.toMillis()));
        return held != null && held == 1;
    }

    /** Gives the lease up, if this node still holds it, so another node can take over at once. */
    void releaseRecordingLease(String space) {
        async().eval(releaseScript, ScriptOutputType.INTEGER, new String[] {"hb:s:" + space + ":recorder"}, node);
    }

    /**
     * Says this node is alive for {@code ttl}; a node that stops saying so is reaped.
     *
     * @return false when the key had expired: other nodes may have taken this node for dead
     */
    boolean heartbeat(Duration ttl) {
        String previous = sync().setGet("hb:node:" + node, "alive", SetArgs.Builder.px(ttl.toMillis()));
        sync().sadd("hb:nodes", node);
        return previous != null;
    }

    /** Members this node holds in Redis, as "space id". */
    Set<String> heldBy(String someNode) {
        return sync().smembers("hb:node:" + someNode + ":members");
    }

    /** The other nodes whose heartbeat has expired (or that said goodbye). */
    List<String> goneNodes() {
        List<String> gone = new ArrayList<>();
        for (String other : sync().smembers("hb:nodes")) {
            if (!other.equals(node) && sync().exists("hb:node:" + other) == 0) gone.add(other);
        }
        return gone;
    }

    /** Removes every member a gone node still holds; their lines leave with timeout. */
    int reap(String goneNode, int capacity) {
        int reaped = 0;
        for (String entry : heldBy(goneNode)) {
            int split = entry.indexOf(' ');
            depart(entry.substring(0, split), entry.substring(split + 1), LeaveReason.TIMEOUT, goneNode, capacity);
            reaped++;
        }
        sync().del("hb:node:" + goneNode + ":members");
        sync().srem("hb:nodes", goneNode);
        return reaped;
    }

    /**
     * Says goodbye: the other nodes see this node gone at once, and its members keep their lines
     * for the resume grace period, so that viewers reconnecting through another node find them.
     */
    void leave() {
        sync().del("hb:node:" + node);
    }

    private RedisCommands<String, String> sync() {
        return connection.sync();
    }

    private RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    @Override
    public void close() {
        events.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    private static List<Member> members(JsonNode node) {
        // cjson writes an empty Lua table as {} rather than [].
        if (node == null || !node.isArray()) return List.of();
        List<Member> members = new ArrayList<>(node.size());
        node.forEach(m -> members.add(ClusterMessages.member(m)));
        return members;
    }

    private static String write(Member member) {
        try {
            return JSON.writeValueAsString(member);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String script(String name) {
        try (InputStream in = RedisStore.class.getResourceAsStream("/cluster/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
