package dev.heartbeat.server.cluster;

import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.space.SpaceMembershipContract;
import dev.heartbeat.server.support.Deployment;
import dev.heartbeat.server.support.RunningCluster;
import java.util.function.UnaryOperator;

/** The single node's membership tests, with viewers spread over two nodes. */
class ClusterSpaceMembershipTest extends SpaceMembershipContract {
    @Override
    protected Deployment deploy(UnaryOperator<ServerConfig.Builder> settings) {
        return RunningCluster.start(settings);
    }
}
