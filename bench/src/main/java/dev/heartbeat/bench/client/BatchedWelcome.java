package dev.heartbeat.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.heartbeat.protocol.codec.ProtocolCodec;
import dev.heartbeat.protocol.message.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A welcome that arrived as the first event of a batch instead of as its own first frame, and the
 * events behind it re-framed for the {@link FrameReader}. Only the first frame of a connection is
 * ever looked at this way.
 *
 * @param rest the events after the welcome as one frame, or null when there were none
 */
record BatchedWelcome(Welcome welcome, String rest) {

    static Optional<BatchedWelcome> read(ProtocolCodec codec, String frame) {
        try {
            JsonNode root = codec.mapper().readTree(frame);
            if (root == null || !root.isObject() || !"batch".equals(root.path("type").asText())) return Optional.empty();
            JsonNode events = root.get("events");
            if (!(events instanceof ArrayNode list) || list.isEmpty() || !"welcome".equals(list.get(0).path("type").asText())) {
                return Optional.empty();
            }
            Welcome welcome = codec.mapper().treeToValue(list.get(0), Welcome.class);
            List<String> rest = new ArrayList<>(list.size() - 1);
            for (int i = 1; i < list.size(); i++) rest.add(list.get(i).toString());
            return Optional.of(new BatchedWelcome(welcome, rest.isEmpty() ? null : "{\"type\":\"batch\",\"events\":[" + String.join(",", rest) + "]}"));
        } catch (Exception e) {
            // Not even that: the caller reports the frame as unreadable.
            return Optional.empty();
        }
    }
}
