package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.PulseMark;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import dev.heartbeat.protocol.wave.Waveform;
import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws a space: one closed line per active member, this viewer's own line last, wider and with a
 * glow. What it draws depends only on (state, local time, size) and the theme, which is what lets
 * the live viewer, the replay player, the PNG snapshot and the benchmark share it.
 */
public final class SpaceRenderer {
    private static final double OTHER_OPACITY = 0.8;
    private static final double HALO_OPACITY = 0.25;
    private static final double HALO_GLOW = 0.35;

    private final RingGeometry geometry;
    // Scratch buffers, reused every frame: a renderer belongs to one thread (the FX thread).
    private final double[] xs;
    private final double[] ys;
    private Theme theme;

    public SpaceRenderer(Theme theme) {
        this(theme, new RingGeometry());
    }

    public SpaceRenderer(Theme theme, RingGeometry geometry) {
        this.theme = theme;
        this.geometry = geometry;
        this.xs = new double[geometry.segments()];
        this.ys = new double[geometry.segments()];
    }

    public Theme theme() {
        return theme;
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
    }

    /** Paints the whole drawing for {@code state} at local time {@code localTime} (ms). */
    public void render(GraphicsContext g, ViewerState state, long localTime, double width, double height) {
        g.setFill(theme.background());
        g.fillRect(0, 0, width, height);
        if (width < 2 || height < 2) return;

        long serverTime = state.serverTimeAt(localTime);
        double scale = RingGeometry.scale(width, height);
        double lineWidth = Math.max(1.2, scale / 260);
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.setLineCap(StrokeLineCap.ROUND);

        Member own = null;
        for (Member member : state.members()) {
            if (state.isYou(member.id())) {
                own = member;
                continue;
            }
            int points = trace(state, member, serverTime, width, height);
            // As on the web page: a pulse shows as a brighter (in the light look darker) line.
            double glow = glow(state, member, serverTime);
            g.setStroke(withOpacity(theme.lineColor(member.hue(), glow), OTHER_OPACITY + (1 - OTHER_OPACITY) * glow));
            g.setLineWidth(lineWidth);
            g.strokePolygon(xs, ys, points);
        }
        if (own != null) drawOwn(g, state, own, serverTime, width, height, lineWidth);
        caption(state).ifPresent(text -> drawCaption(g, text, width, height));
    }

    private void drawOwn(GraphicsContext g, ViewerState state, Member own, long serverTime, double width, double height,
            double lineWidth) {
        int points = trace(state, own, serverTime, width, height);
        double glow = glow(state, own, serverTime);
        Color color = theme.ownColor(own.hue(), glow);
        g.setStroke(theme.haloColor(own.hue(), HALO_OPACITY + HALO_GLOW * glow));
        g.setLineWidth(lineWidth * 6);
        g.strokePolygon(xs, ys, points);
        g.setStroke(color);
        g.setLineWidth(lineWidth * 2.4);
        g.strokePolygon(xs, ys, points);

        PulseMark pulse = state.lastPulse().get(own.id());
        double[] marker = RingGeometry.markerPoint(own.phase(), pulse, serverTime, width, height);
        double dx = marker[0] - width / 2;
        double dy = marker[1] - height / 2;
        double length = Math.max(1, Math.hypot(dx, dy));
        // Inside the ring: a pulse spikes outwards and would run through a label outside.
        double labelX = marker[0] - dx / length * 22;
        double labelY = marker[1] - dy / length * 22;
        g.setFill(color);
        g.fillOval(marker[0] - lineWidth * 2.5, marker[1] - lineWidth * 2.5, lineWidth * 5, lineWidth * 5);
        g.setFont(Font.font(null, FontWeight.BOLD, 13));
        g.setTextAlign(dx >= 0 ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(own.name().isEmpty() ? "you" : own.name() + " (you)", labelX, labelY);
    }

    private static double glow(ViewerState state, Member member, long serverTime) {
        PulseMark pulse = state.lastPulse().get(member.id());
        return pulse == null ? 0 : Waveform.envelope(pulse.msSince(serverTime), pulse.strength());
    }

    private int trace(ViewerState state, Member member, long serverTime, double width, double height) {
        return geometry.trace(member.phase(), state.lastPulse().get(member.id()), serverTime, width, height, xs, ys);
    }

    private void drawCaption(GraphicsContext g, String text, double width, double height) {
        g.setFill(theme.quietText());
        g.setFont(Font.font(null, FontWeight.NORMAL, 15));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, width / 2, height / 2);
    }

    /** The words in the middle of the drawing, when it has something to say. */
    static Optional<String> caption(ViewerState state) {
        if (state.status().orElse(null) == MemberStatus.WAITING && state.phase() == ConnectionPhase.ONLINE) {
            return Optional.of("Waiting #" + state.position() + " for a line");
        }
        if (!state.members().isEmpty()) return Optional.empty();
        return switch (state.phase()) {
            case IDLE -> Optional.of("Not connected");
            case CONNECTING -> Optional.of("Connecting…");
            case ONLINE, REPLAY -> Optional.of("No lines in " + state.space() + " yet");
            case RECONNECTING -> Optional.of("Reconnecting…");
            case DISCONNECTED -> Optional.of("Disconnected");
        };
    }

    private static Color withOpacity(Color color, double opacity) {
        return new Color(color.getRed(), color.getGreen(), color.getBlue(), opacity);
    }
}
