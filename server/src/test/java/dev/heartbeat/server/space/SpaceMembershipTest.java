package dev.heartbeat.server.space;

import dev.heartbeat.server.config.ServerConfig;
import dev.heartbeat.server.support.Deployment;
import dev.heartbeat.server.support.RunningServer;
import java.util.function.UnaryOperator;

class SpaceMembershipTest extends SpaceMembershipContract {
    @Override
    protected Deployment deploy(UnaryOperator<ServerConfig.Builder> settings) {
        return RunningServer.start(settings);
    }
}
