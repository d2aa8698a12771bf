package dev.heartbeat.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Health for orchestrators and load balancers. {@code GET /health/live}: the process works
 * (503 means restart it). {@code GET /health/ready}: it should get traffic (503 means route
 * around it for now). {@code GET /health} answers as ready does, for the load balancers already
 * pointed at it. Problems that are no reason to take a node out are listed as warnings.
 */
public final class Health {
    /** What a failing check takes away. */
    public enum Scope {
        /** The process is broken and only a restart helps: not live, not ready. */
        LIVE,
        /** The node should get no new traffic now (draining, Redis away): live, not ready. */
        READY,
        /**
         * Worth knowing, no reason to take the node out: a full disk for recordings is often one
         * shared by every node, and taking them all out would stop the spaces over a side job.
         */
        WARNING
    }

    private record Check(String name, Scope scope, Supplier<Optional<String>> problem) {}

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    /** A check that takes the node out of the load balancer while it fails. */
    public void register(String name, Supplier<Optional<String>> problem) {
        register(name, Scope.READY, problem);
    }

    /** @param problem empty when healthy, else a sentence saying what is wrong */
    public void register(String name, Scope scope, Supplier<Optional<String>> problem) {
        checks.add(new Check(name, scope, problem));
    }

    /** {@code GET /health/live}: only the checks whose failure a restart would cure. */
    public void live(Context ctx) {
        Map<String, String> problems = problems(Scope.LIVE);
        answer(ctx, problems, Map.of());
    }

    /** {@code GET /health/ready} and {@code GET /health}. */
    public void ready(Context ctx) {
        Map<String, String> problems = problems(Scope.LIVE);
        problems.putAll(problems(Scope.READY));
        answer(ctx, problems, problems(Scope.WARNING));
    }

    private Map<String, String> problems(Scope scope) {
        Map<String, String> found = new LinkedHashMap<>();
        for (Check check : checks) {
            if (check.scope() == scope) check.problem().get().ifPresent(p -> found.put(check.name(), p));
        }
        return found;
    }

    private static void answer(Context ctx, Map<String, String> problems, Map<String, String> warnings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "ok" : "degraded");
        if (!problems.isEmpty()) body.put("problems", problems);
        if (!warnings.isEmpty()) body.put("warnings", warnings);
        ctx.status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }
}
