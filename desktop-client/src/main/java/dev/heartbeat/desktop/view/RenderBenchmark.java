package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.desktop.state.ViewerReducer;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Limits;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.message.Pulse;
import dev.heartbeat.protocol.message.Welcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;

/**
 * Frame times of the viewer's drawing with many lines, in a real window:
 * {@code java -cp heartbeat-desktop.jar dev.heartbeat.desktop.view.RenderBenchmark [lines] [seconds] [width] [height]}
 * (defaults 100 lines, 10 s, 1280x800; on a machine without a display, under {@code xvfb-run -a}).
 * Every line pulses about every two seconds, so about half of them carry a travelling pulse at
 * any moment. Prints the renderer's time per frame on the FX thread (building the drawing) and
 * the interval between frames (which also holds the rasterising), after a 2 s warm-up.
 */
public final class RenderBenchmark {
    private static final long WARMUP_MS = 2_000;

    private RenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int width = args.length > 2 ? Integer.parseInt(args[2]) : 1280;
        int height = args.length > 3 ? Integer.parseInt(args[3]) : 800;

        CountDownLatch done = new CountDownLatch(1);
        List<Long> renderNanos = new ArrayList<>();
        List<Long> intervalNanos = new ArrayList<>();
        Platform.startup(() -> {
            Canvas canvas = new Canvas(width, height);
            Stage stage = new Stage();
            stage.setTitle("Heartbeat render benchmark");
            stage.setScene(new Scene(new Pane(canvas), width, height));
            stage.show();
            SpaceRenderer renderer = new SpaceRenderer(Theme.DARK);
            SplittableRandom random = new SplittableRandom(42);
            long start = System.currentTimeMillis();
            ViewerState[] state = {space(lines, start)};
            long[] last = {0};
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long local = System.currentTimeMillis();
                    long serverTime = state[0].serverTimeAt(local);
                    // About one pulse per line every two seconds, spread over the frames.
                    List<ViewerEvent> pulses = new ArrayList<>();
                    for (Member m : state[0].members()) {
                        if (random.nextDouble() < 1.0 / 120) {
                            pulses.add(new ViewerEvent.Received(new Pulse(m.id(), 0.3 + 0.7 * random.nextDouble(), serverTime), local));
                        }
                    }
                    state[0] = ViewerReducer.reduceAll(state[0], pulses);

                    long before = System.nanoTime();
                    renderer.render(canvas.getGraphicsContext2D(), state[0], local, width, height);
                    long after = System.nanoTime();
                    if (local - start > WARMUP_MS) {
                        renderNanos.add(after - before);
                        if (last[0] != 0) intervalNanos.add(now - last[0]);
                    }
                    last[0] = now;
                    if (local - start > WARMUP_MS + seconds * 1000L) {
                        stop();
                        stage.close();
                        done.countDown();
                    }
                }
            }.start();
        });
        done.await();
        Platform.exit();

        System.out.printf(Locale.ROOT, "lines=%d size=%dx%d segments=%d frames=%d java=%s javafx=%s%n", lines, width, height,
                RingGeometry.DEFAULT_SEGMENTS, renderNanos.size(), Runtime.version(), System.getProperty("javafx.runtime.version"));
        System.out.println("render (FX thread, ms):   " + summary(renderNanos));
        System.out.println("frame interval (ms):      " + summary(intervalNanos));
        double fps = intervalNanos.isEmpty() ? 0 : 1e9 / (intervalNanos.stream().mapToLong(Long::longValue).sum() / (double) intervalNanos.size());
        System.out.printf(Locale.ROOT, "frames per second:        %.1f%n", fps);
    }

    private static ViewerState space(int lines, long now) {
        List<Member> members = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) members.add(new Member("m" + i, "Member " + i, (i * 37) % 360, (i + 0.5) / lines));
        Welcome welcome = new Welcome(1, "bench", members.get(0), "token", MemberStatus.ACTIVE, 0, lines, members, 0, now,
                new Limits(16, 10, 1024));
        return ViewerReducer.reduce(ViewerState.INITIAL, new ViewerEvent.Received(welcome, now));
    }

    private static String summary(List<Long> nanos) {
        if (nanos.isEmpty()) return "no frames";
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  mean %.2f",
                ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.95)), ms(percentile(sorted, 0.99)),
                ms(sorted[sorted.length - 1]), ms((long) Arrays.stream(sorted).average().orElse(0)));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
