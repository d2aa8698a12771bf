package dev.heartbeat.server.cluster;

import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.space.ResumeContract;
import dev.heartbeat.server.support.Deployment;
import dev.heartbeat.server.support.RunningCluster;
import java.util.function.UnaryOperator;

/** The single node's resume tests, with every reconnection landing on the other node. */
class ClusterResumeTest extends ResumeContract {
    @Override
    protected Deployment deploy(UnaryOperator<ServerConfig.Builder> settings) {
        return RunningCluster.start(settings);
    }
}
