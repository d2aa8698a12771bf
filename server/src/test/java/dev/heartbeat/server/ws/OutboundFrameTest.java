package dev.heartbeat.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the server writes, read off the wire: a batch bigger than the 1 KiB inbound message limit
 * still leaves as one frame. (Jetty's frame size once doubled as that limit and cut every batch into
 * 1 KiB continuation frames, which cost clients several times more to read.)
 */
class OutboundFrameTest {
    private static final int OPCODE_TEXT = 0x1;

    @Test
    void aBatchOverOneKibibyteIsOneFinalTextFrame() throws Exception {
        List<TestViewer> pulsers = new ArrayList<>();
        try (RunningServer server = RunningServer.start(c -> c.batchMs(1000));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            DataInputStream in = upgrade(socket, server.port(), "/ws/frames");
            RawFrame welcome = RawFrame.read(in);
            assertThat(welcome.text()).contains("\"type\":\"welcome\"");

            for (int i = 0; i < 4; i++) pulsers.add(TestViewer.join(server.ws("frames")));
            for (TestViewer pulser : pulsers) for (int i = 0; i < 10; i++) pulser.pulse();

            // Joins and 40 pulses in one-second windows: one or two batches, at least one over 1 KiB.
            List<RawFrame> frames = new ArrayList<>();
            StringBuilder received = new StringBuilder();
            while (received.toString().split("\"type\":\"pulse\"", -1).length - 1 < 40) {
                RawFrame frame = RawFrame.read(in);
                frames.add(frame);
                received.append(frame.text());
            }
            assertThat(frames).as("every frame a whole text message, none a fragment")
                    .allSatisfy(frame -> {
                        assertThat(frame.fin).isTrue();
                        assertThat(frame.opcode).isEqualTo(OPCODE_TEXT);
                    });
            assertThat(frames).as("a batch over 1 KiB").anySatisfy(frame -> assertThat(frame.payload.length).isGreaterThan(1024));
        } finally {
            pulsers.forEach(TestViewer::close);
        }
    }

    private static DataInputStream upgrade(Socket socket, int port, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.readUnsignedByte());
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return in;
    }

    /** One frame as it came, server to client (never masked); control frames are not expected here. */
    private record RawFrame(boolean fin, int opcode, byte[] payload) {
        static RawFrame read(DataInputStream in) throws IOException {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) length = in.readUnsignedShort();
            else if (length == 127) length = in.readLong();
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            return new RawFrame((first & 0x80) != 0, first & 0x0F, payload);
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }
}
