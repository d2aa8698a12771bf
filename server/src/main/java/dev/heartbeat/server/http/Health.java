package dev.heartbeat.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** {@code GET /health}: 200 when every check passes, 503 with the reasons when one does not. */
public final class Health {
    private record Check(String name, Supplier<Optional<String>> problem) {}

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    /** @param problem empty when healthy, else a sentence saying what is wrong */
    public void register(String name, Supplier<Optional<String>> problem) {
        checks.add(new Check(name, problem));
    }

    public void handle(Context ctx) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (Check check : checks) check.problem().get().ifPresent(p -> problems.put(check.name(), p));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "ok" : "degraded");
        if (!problems.isEmpty()) body.put("problems", problems);
        ctx.status(problems.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
    }
}
