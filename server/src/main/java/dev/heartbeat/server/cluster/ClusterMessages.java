package dev.heartbeat.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Member;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reading what the Lua scripts publish. */
final class ClusterMessages {
    private static final ObjectMapper JSON = ProtocolCodec.newMapper();

    private ClusterMessages() {}

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Member member(JsonNode node) {
        return new Member(node.get("id").asText(), node.get("name").asText(), node.get("hue").asInt(),
                node.get("phase").asDouble());
    }
}
