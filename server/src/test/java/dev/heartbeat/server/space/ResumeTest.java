package dev.heartbeat.server.space;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.protocol.message.Welcome;
import java.nio.file.Path;
import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.support.Deployment;
import dev.heartbeat.server.support.RunningServer;
import dev.heartbeat.server.support.TestViewer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ResumeTest extends ResumeContract {
    @Override
    protected Deployment deploy(UnaryOperator<ServerConfig.Builder> settings) {
        return RunningServer.start(settings);
    }

    @Test
    void aTokenFromBeforeARestartStillGivesTheSameLine() {
        TestViewer ada = join("name=Ada");
        Welcome before = ada.welcome();
        // The secret lives with the recordings: the restarted server keeps the same folder.
        Path folder = ((RunningServer) server).server().config().recordingsFolder();
        try (RunningServer restarted = RunningServer.start(c -> c.capacity(2).recordingsFolder(folder))) {
            TestViewer again = TestViewer.join(restarted.ws("resume", "resume=" + before.resume()));
            viewers.add(again);
            assertThat(again.welcome().you().id()).isEqualTo(before.you().id());
            assertThat(again.welcome().you().hue()).isEqualTo(before.you().hue());
            assertThat(again.welcome().you().phase()).isEqualTo(before.you().phase());
        }
    }

    @Test
    void aServerWithAnotherSecretDoesNotHonourTheToken() {
        Welcome before = join("name=Ada").welcome();
        try (RunningServer other = RunningServer.start(c -> c.capacity(2))) {
            TestViewer there = TestViewer.join(other.ws("resume", "resume=" + before.resume()));
            viewers.add(there);
            assertThat(there.welcome().you().id()).isNotEqualTo(before.you().id());
            assertThat(there.welcome().resume()).isNotEqualTo(before.resume());
        }
    }
}
