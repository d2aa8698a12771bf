package dev.heartbeat.server.cluster;

/** Redis could not be reached for something that needs it now. */
final class ClusterUnavailableException extends RuntimeException {
    ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
