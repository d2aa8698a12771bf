package dev.heartbeat.protocol.golden;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.heartbeat.protocol.message.CloseCode;
import org.junit.jupiter.api.Test;

/** {@code close/close-codes.json}: every close code's name, number and words, for words.js to match. */
class CloseCodeGoldenTest {
    @Test
    void theGoldenFileHoldsEveryCloseCodeWithItsWords() throws Exception {
        ObjectNode golden = Goldens.json().createObjectNode();
        ArrayNode codes = golden.putArray("codes");
        for (CloseCode code : CloseCode.values()) {
            codes.addObject().put("name", code.name()).put("code", code.code()).put("words", CloseCode.describe(code.code()));
        }
        golden.putObject("lost").put("name", "LOST").put("code", CloseCode.LOST).put("words", CloseCode.describe(CloseCode.LOST));
        golden.putObject("unknown").put("code", 4999).put("words", CloseCode.describe(4999));
        Goldens.check("close/close-codes.json", golden);
    }
}
