package dev.heartbeat.desktop.view;

import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;
import javafx.scene.canvas.Canvas;
import javafx.scene.layout.Region;

/**
 * The drawing: a canvas that fills its region and is repainted by an {@link AnimationTimer} from
 * whatever the store holds at that frame.
 */
public final class SpaceCanvas extends Region {
    private final Canvas canvas = new Canvas();
    private final ViewerStore store;
    private final SpaceRenderer renderer;
    private final AnimationTimer timer;
    private LongConsumer beforeFrame = now -> {};
    private LongConsumer afterFrame = now -> {};

    public SpaceCanvas(ViewerStore store, SpaceRenderer renderer) {
        this.store = store;
        this.renderer = renderer;
        canvas.setId("space-canvas");
        getChildren().add(canvas);
        getStyleClass().add("space-canvas");
        setMinSize(200, 150);
        timer = new AnimationTimer() {
            @Override
            public void handle(long nanos) {
                paint(System.currentTimeMillis());
            }
        };
    }

    public Canvas canvas() {
        return canvas;
    }

    /** Called on the FX thread before each frame, with the frame's local time; a recording advances with it. */
    public void setBeforeFrame(LongConsumer beforeFrame) {
        this.beforeFrame = beforeFrame;
    }

    /** Called on the FX thread after each frame, with the frame's local time; the status bar ticks with it. */
    public void setAfterFrame(LongConsumer afterFrame) {
        this.afterFrame = afterFrame;
    }

    public void start() {
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** Paints one frame at local time {@code now}. */
    public void paint(long now) {
        beforeFrame.accept(now);
        renderer.render(canvas.getGraphicsContext2D(), store.shown(), now, canvas.getWidth(), canvas.getHeight());
        afterFrame.accept(now);
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        canvas.relocate(0, 0);
    }
}
