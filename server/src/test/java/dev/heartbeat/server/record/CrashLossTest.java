package dev.heartbeat.server.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.recording.Timeline;
import dev.heartbeat.protocol.recording.TimedEvent;
import dev.heartbeat.server.support.ServerProcess;
import dev.heartbeat.server.support.TestViewer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed with SIGKILL mid-session: its recording ends at most 200 ms before the last pulse. */
class CrashLossTest {
    @Test
    void killMinusNineLosesAtMostTwoHundredMillisecondsOfTheRecording(@TempDir Path folder) throws Exception {
        try (ServerProcess server = ServerProcess.start("--host", "127.0.0.1", "--port", "0", "--recordings", folder.toString(),
                "--pulses-per-second", "50")) {
            URI night = URI.create("ws://127.0.0.1:" + server.port() + "/ws/night");
            TestViewer ada = TestViewer.join(night);
            TestViewer bo = TestViewer.join(night);
            AtomicBoolean pulsing = new AtomicBoolean(true);
            Thread pulser = new Thread(() -> {
                while (pulsing.get()) {
                    ada.pulse();
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            pulser.start();
            Thread.sleep(2_500);
            server.process().destroyForcibly(); // SIGKILL mid-stream: no shutdown hook, no last flush
            server.process().waitFor();
            pulsing.set(false);
            pulser.join();

            // What the server had accepted before it died: the last pulse a viewer saw.
            List<Pulse> seen = bo.received(Pulse.class);
            assertThat(seen).hasSizeGreaterThan(50);
            long lastAccepted = seen.get(seen.size() - 1).at();

            Path file;
            try (var listing = Files.list(folder)) {
                file = listing.filter(f -> f.getFileName().toString().endsWith(".hbrec")).findFirst().orElseThrow();
            }
            long lastRecorded = Timeline.load(file).entries().stream()
                    .filter(e -> e instanceof TimedEvent timed && timed.event() instanceof Pulse)
                    .mapToLong(e -> ((Pulse) ((TimedEvent) e).event()).at()).max().orElseThrow();
            // Negative when the recorder wrote a pulse whose frame had not reached the viewer before the kill.
            assertThat(lastAccepted - lastRecorded).as("milliseconds of pulses lost").isLessThanOrEqualTo(200L);
            ada.close();
            bo.close();
        }
    }
}
