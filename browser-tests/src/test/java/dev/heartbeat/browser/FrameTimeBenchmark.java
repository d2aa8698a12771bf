package dev.heartbeat.browser;

import dev.heartbeat.server.HeartbeatServer;
import dev.heartbeat.server.config.ServerConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Frame time of the real page with 100 active lines in headless Chromium (a benchmark, not a test).
 * A real server in-process; 99 WebSocket members that pulse; the page in Chromium is the 100th.
 * Measures (1) the live page: requestAnimationFrame intervals and main-thread time per frame from
 * Chromium's own counters, and (2) the cost of one render() of those 100 lines, with the canvas
 * flushed so rasterisation is included, at rest and with every line pulsing.
 *
 * <p>Run: {@code mvn -B -o -q -pl browser-tests test-compile exec:java@frame-time}; options as
 * system properties: {@code -Dlines=100 -Dseconds=5 -Dpulses=20 -Dwidth=1280 -Dheight=800 -Ddpr=1}.
 */
public final class FrameTimeBenchmark {
    private static final String SPACE = "bench";

    public static void main(String[] args) throws Exception {
        int lines = Integer.getInteger("lines", 100);
        int seconds = Integer.getInteger("seconds", 5);
        int pulsesPerSecond = Integer.getInteger("pulses", 20);
        int width = Integer.getInteger("width", 1280);
        int height = Integer.getInteger("height", 800);
        double dpr = Double.parseDouble(System.getProperty("dpr", "1"));
        if (!Chromium.installed()) {
            System.err.println("Chromium not found; install it with: " + Chromium.INSTALL_HINT);
            System.exit(2);
        }

        HeartbeatServer server = new HeartbeatServer(ServerConfig.builder().port(0).capacity(lines).build()).start();
        ScheduledExecutorService pulser = Executors.newSingleThreadScheduledExecutor();
        List<WebSocket> members = new ArrayList<>();
        try (Browser browser = Browser.launch(width, height, dpr)) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 1; i < lines; i++) {
                URI uri = URI.create("ws://localhost:" + server.port() + "/ws/" + SPACE + "?name=member-" + i);
                members.add(http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {}).join());
            }
            AtomicInteger next = new AtomicInteger();
            pulser.scheduleAtFixedRate(() -> {
                WebSocket ws = members.get(Math.floorMod(next.getAndIncrement(), members.size()));
                ws.sendText("{\"type\":\"pulse\"}", true).join();
            }, 0, 1_000_000 / pulsesPerSecond, TimeUnit.MICROSECONDS);

            Tab tab = browser.open("http://localhost:" + server.port() + "/s/" + SPACE + "?name=viewer");
            tab.await(lines + " active lines", Duration.ofSeconds(30),
                    hb -> "active".equals(hb.get("status")) && ((List<?>) hb.get("members")).size() == lines);
            browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(seconds * 4L + 60));
            Thread.sleep(2_000); // warm-up: JIT, caches, first pulses

            Map<String, Object> live = measureLivePage(browser, tab, seconds);
            Map<String, Object> cost = measureRender(tab, width, height, dpr);
            String report = report(lines, seconds, pulsesPerSecond, width, height, dpr, live, cost);
            System.out.println(report);
            Path out = Path.of(System.getProperty("heartbeat.benchmark.out", "target/benchmark"));
            Files.createDirectories(out);
            String run = String.format(Locale.ROOT, "frame-time-%d-lines-dpr%s", lines, dpr == Math.rint(dpr) ? String.valueOf((int) dpr) : String.valueOf(dpr));
            Files.writeString(out.resolve(run + ".txt"), report);
            tab.screenshot(out.resolve(run + ".png"));
        } finally {
            pulser.shutdownNow();
            members.forEach(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
            server.close();
        }
        System.exit(0); // HttpClient's selector threads are not daemons
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> measureLivePage(Browser browser, Tab tab, int seconds) {
        var driver = browser.focus(tab);
        driver.executeCdpCommand("Performance.enable", Map.of());
        Map<String, Double> before = metrics(driver.executeCdpCommand("Performance.getMetrics", Map.of()));
        Map<String, Object> frames = (Map<String, Object>) driver.executeAsyncScript("""
                const [seconds, done] = arguments;
                const until = performance.now() + seconds * 1000;
                const stamps = [];
                function tick(t) {
                  stamps.push(t);
                  if (t < until) { requestAnimationFrame(tick); return; }
                  const gaps = stamps.slice(1).map((s, i) => s - stamps[i]).sort((a, b) => a - b);
                  const q = (p) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))];
                  done({ frames: gaps.length, spanMs: stamps.at(-1) - stamps[0], p50: q(0.5), p95: q(0.95),
                         p99: q(0.99), max: gaps.at(-1), over20: gaps.filter((g) => g > 20).length });
                }
                requestAnimationFrame(tick);
                """, seconds);
        Map<String, Double> after = metrics(driver.executeCdpCommand("Performance.getMetrics", Map.of()));
        double frameCount = ((Number) frames.get("frames")).doubleValue();
        Map<String, Object> result = new java.util.LinkedHashMap<>(frames);
        for (String metric : List.of("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")) {
            result.put(metric + "PerFrameMs", (after.get(metric) - before.get(metric)) * 1000 / frameCount);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> metrics(Map<String, Object> response) {
        Map<String, Double> values = new java.util.HashMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) response.get("metrics")) {
            values.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return values;
    }

    /** render() of the page's own 100 members, into a canvas of the page's size, timed in the page. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> measureRender(Tab tab, int width, int height, double dpr) {
        return (Map<String, Object>) tab.browser().driver().executeAsyncScript("""
                const [width, height, dpr, done] = arguments;
                Promise.all([import('/js/render.js'), import('/js/state.js')]).then(([{ render }, { initialState, reduce }]) => {
                  const hb = window.heartbeat;
                  let state = reduce(initialState(), { type: 'welcome', space: 'bench', you: hb.you, status: 'active',
                    position: 0, members: hb.members, waiting: 0, capacity: hb.members.length, serverTime: 0 });
                  const canvas = document.createElement('canvas');
                  canvas.width = Math.round(width * dpr);
                  canvas.height = Math.round(height * dpr);
                  const ctx = canvas.getContext('2d', { alpha: false });
                  const size = { width, height, dpr };
                  const now = Date.now();
                  const time = (label, s, n) => {
                    const js = [], flushed = [];
                    for (let i = 0; i < n; i++) {
                      const t = now + i * 16.7;
                      const a = performance.now();
                      render(ctx, s, t, size);
                      const b = performance.now();
                      ctx.getImageData(0, 0, 1, 1); // forces the recorded drawing to be rasterised
                      const c = performance.now();
                      js.push(b - a);
                      flushed.push(c - a);
                    }
                    const stats = (xs) => { xs.sort((x, y) => x - y); const q = (p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
                      return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: xs.at(-1) }; };
                    return { [label + 'Js']: stats(js), [label + 'Flushed']: stats(flushed) };
                  };
                  const rest = time('rest', state, 300);
                  let pulsing = state;
                  for (const m of hb.members) pulsing = reduce(pulsing, { type: 'pulse', id: m.id, strength: 1, at: now - 300 });
                  const busy = time('pulsing', pulsing, 300);
                  done({ ...rest, ...busy });
                }, (e) => done({ error: String(e) }));
                """, width, height, dpr);
    }

    @SuppressWarnings("unchecked")
    private static String report(int lines, int seconds, int pulses, int width, int height, double dpr,
            Map<String, Object> live, Map<String, Object> cost) {
        StringBuilder out = new StringBuilder();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        out.append(String.format(Locale.ROOT, "Heartbeat web client frame time: %d active lines, %d pulses/s, %dx%d CSS px at dpr %.1f, "
                + "headless Chromium (--disable-gpu), %d CPUs, load average %.2f%n", lines, pulses, width, height, dpr, cpus, load));
        double fps = ((Number) live.get("frames")).doubleValue() * 1000 / ((Number) live.get("spanMs")).doubleValue();
        out.append(String.format(Locale.ROOT, "live page over %d s: %.1f frames/s; rAF interval p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; "
                + "%s of %s intervals over 20 ms%n", seconds, fps, num(live, "p50"), num(live, "p95"), num(live, "p99"), num(live, "max"),
                live.get("over20"), live.get("frames")));
        out.append(String.format(Locale.ROOT, "live page main thread per frame: tasks %.2f ms (script %.2f, style %.2f, layout %.2f)%n",
                num(live, "TaskDurationPerFrameMs"), num(live, "ScriptDurationPerFrameMs"),
                num(live, "RecalcStyleDurationPerFrameMs"), num(live, "LayoutDurationPerFrameMs")));
        if (cost.containsKey("error")) {
            out.append("render() cost: failed: ").append(cost.get("error")).append('\n');
            return out.toString();
        }
        for (String label : List.of("rest", "pulsing")) {
            Map<String, Object> js = (Map<String, Object>) cost.get(label + "Js");
            Map<String, Object> flushed = (Map<String, Object>) cost.get(label + "Flushed");
            out.append(String.format(Locale.ROOT, "render() of %d lines, %s: script p50 %.2f / p95 %.2f ms; with rasterisation p50 %.2f / p95 %.2f / p99 %.2f ms%n",
                    lines, label.equals("rest") ? "at rest" : "all pulsing", num(js, "p50"), num(js, "p95"),
                    num(flushed, "p50"), num(flushed, "p95"), num(flushed, "p99")));
        }
        return out.toString();
    }

    private static double num(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private FrameTimeBenchmark() {}
}
