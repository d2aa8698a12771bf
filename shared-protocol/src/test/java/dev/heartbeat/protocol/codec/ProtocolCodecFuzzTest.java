package dev.heartbeat.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives, the codec answers with a message or its error and never throws. */
class ProtocolCodecFuzzTest {
    private final ProtocolCodec codec = new ProtocolCodec();

    @Property(tries = 3000)
    void arbitraryStringsYieldAMessageOrAnError(@ForAll String frame) {
        assertAnswered(frame);
    }

    @Property(tries = 3000)
    void jsonLookingStringsYieldAMessageOrAnError(@ForAll("jsonish") String frame) {
        assertAnswered(frame);
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> fragment = Arbitraries.of(
                "{", "}", "[", "]", ",", ":", "\"type\"", "\"pulse\"", "\"ping\"", "\"rename\"", "\"welcome\"",
                "\"batch\"", "\"events\"", "\"strength\"", "\"t\"", "\"name\"", "\"member\"", "0", "-1", "1.5",
                "1e309", "null", "true", "\"\\u0000\"", "\"\\ud800\"", "9223372036854775808", " ");
        return fragment.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private void assertAnswered(String frame) {
        Decoded<?> client = codec.decodeClient(frame);
        Decoded<?> server = codec.decodeServer(frame);
        assertThat(client).isNotNull();
        assertThat(server).isNotNull();
        if (client instanceof Decoded.Failed<?> failed) {
            assertThat(failed.error().message()).isNotBlank();
        } else {
            assertThat(((Decoded.Ok<?>) client).message()).isNotNull();
        }
    }
}
