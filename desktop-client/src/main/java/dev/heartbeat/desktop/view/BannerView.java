package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.Banner;
import dev.heartbeat.desktop.state.ViewerState;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;

/** The transient line over the drawing: shows the state's banner while it is fresh. */
public final class BannerView extends Label {
    private Banner.Kind kind;

    public BannerView() {
        setId("banner");
        getStyleClass().add("banner");
        setVisible(false);
        setWrapText(true);
        setMaxWidth(560);
        setMouseTransparent(true);
        setAlignment(Pos.CENTER);
        StackPane.setAlignment(this, Pos.TOP_CENTER);
        StackPane.setMargin(this, new Insets(14));
    }

    /** FX thread, every frame: shows or hides the banner for local time {@code now}. */
    public void refresh(ViewerState state, long now) {
        Optional<Banner> banner = state.banner().filter(b -> b.visibleAt(now));
        banner.ifPresent(b -> {
            if (!b.text().equals(getText())) setText(b.text());
            if (b.kind() != kind) {
                kind = b.kind();
                getStyleClass().removeAll("announce", "notice");
                getStyleClass().add(kind == Banner.Kind.ANNOUNCE ? "announce" : "notice");
            }
        });
        if (isVisible() != banner.isPresent()) setVisible(banner.isPresent());
    }
}
