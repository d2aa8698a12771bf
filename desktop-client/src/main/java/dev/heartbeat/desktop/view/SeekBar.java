package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.replay.RecordingOverview;
import dev.heartbeat.protocol.recording.Burst;
import java.util.function.LongConsumer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Slider;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The seek bar: a slider over the recording, under a strip that shows where the pulses are dense
 * ({@link RecordingOverview#density}) with a tick at each burst's start. Dragging or clicking either one
 * asks to seek; the strip lines up with the slider's track, so a peak sits where the thumb goes.
 */
public final class SeekBar extends Region {
    static final double STRIP_HEIGHT = 22;

    private final Slider slider = new Slider(0, 0, 0);
    private final Canvas strip = new Canvas();
    private final LongConsumer seek;
    private RecordingOverview timeline;
    private Theme theme;
    private boolean showing;
    private double drawnWidth = -1;

    /** @param seek called with the ms to go to, when the user moves the slider or clicks the strip */
    public SeekBar(Theme theme, LongConsumer seek) {
        this.theme = theme;
        this.seek = seek;
        getStyleClass().add("seek-bar");
        slider.setId("replay-seek");
        slider.setFocusTraversable(false);
        slider.setAccessibleText("Position in the recording");
        strip.setId("replay-density");
        getChildren().addAll(strip, slider);
        slider.valueProperty().addListener((obs, old, value) -> {
            if (!showing) seek.accept(Math.round(value.doubleValue()));
        });
        strip.addEventHandler(MouseEvent.MOUSE_PRESSED, this::seekToStrip);
        strip.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::seekToStrip);
    }

    public Slider slider() {
        return slider;
    }

    /** A new recording: its length and its density strip. */
    public void load(RecordingOverview recording) {
        boolean sameLength = timeline != null && timeline.duration() == recording.duration();
        timeline = recording;
        showing = true;
        slider.setMax(Math.max(1, recording.duration()));
        showing = false;
        if (!sameLength) {
            drawnWidth = -1;
            requestLayout();
        }
    }

    public void setTheme(Theme next) {
        theme = next;
        drawnWidth = -1;
        requestLayout();
    }

    /** Shows {@code position} without asking to seek; left alone while the user drags the thumb. */
    public void show(long position) {
        if (slider.isValueChanging() || slider.getValue() == position) return;
        showing = true;
        slider.setValue(position);
        showing = false;
    }

    @Override
    protected double computePrefHeight(double width) {
        return STRIP_HEIGHT + slider.prefHeight(width);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double sliderHeight = slider.prefHeight(width);
        slider.resizeRelocate(0, STRIP_HEIGHT, width, sliderHeight);
        slider.layout();
        double left = 0;
        double right = width;
        Node track = slider.lookup(".track");
        if (track != null) {
            Bounds bounds = track.getBoundsInParent();
            left = bounds.getMinX();
            right = bounds.getMaxX();
        }
        double stripWidth = Math.max(1, Math.floor(right - left));
        strip.relocate(Math.round(left), 0);
        if (strip.getWidth() != stripWidth || strip.getHeight() != STRIP_HEIGHT || drawnWidth != stripWidth) {
            strip.setWidth(stripWidth);
            strip.setHeight(STRIP_HEIGHT);
            draw(stripWidth);
        }
    }

    private void draw(double width) {
        drawnWidth = width;
        GraphicsContext g = strip.getGraphicsContext2D();
        g.clearRect(0, 0, width, STRIP_HEIGHT);
        if (timeline == null) return;
        int[] buckets = timeline.density();
        if (buckets.length == 0) return;
        int most = 1;
        for (int n : buckets) most = Math.max(most, n);
        // A live recording has grown past the span its counts were taken over.
        double covered = width * Math.min(1, (double) timeline.densitySpan() / Math.max(1, timeline.duration()));
        double bucketWidth = covered / buckets.length;
        g.setFill(theme.densityBars());
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] == 0) continue;
            // A square root, so one busy minute does not flatten every other one to nothing.
            double h = Math.max(1, Math.sqrt((double) buckets[i] / most) * STRIP_HEIGHT);
            g.fillRect(i * bucketWidth, STRIP_HEIGHT - h, Math.max(1, bucketWidth - 0.5), h);
        }
        g.setFill(theme.text());
        double span = Math.max(1, timeline.duration());
        for (Burst burst : timeline.bursts()) g.fillRect(burst.start() / span * width, 0, 1.5, 4);
    }

    private void seekToStrip(MouseEvent e) {
        if (timeline == null || strip.getWidth() <= 0) return;
        double fraction = Math.min(1, Math.max(0, e.getX() / strip.getWidth()));
        seek.accept(Math.round(fraction * timeline.duration()));
        e.consume();
    }
}
