package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.message.Member;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** Who has a line: name and colour per member, this viewer marked; the queue length under it. */
public final class PresenceList extends VBox {
    private final ListView<Member> list = new ListView<>();
    private final Label heading = new Label("In this space");
    private final Label queue = new Label();
    private Theme theme;
    private String youId = "";
    private List<Member> shown = List.of();

    public PresenceList(Theme theme) {
        this.theme = theme;
        getStyleClass().add("presence");
        heading.getStyleClass().add("presence-heading");
        queue.getStyleClass().add("presence-queue");
        queue.setId("waiting-count");
        list.setId("presence-list");
        list.setFocusTraversable(false);
        list.setCellFactory(view -> new MemberCell());
        list.setPlaceholder(new Label("No lines yet"));
        setSpacing(6);
        setPadding(new Insets(10));
        setPrefWidth(210);
        setMinWidth(160);
        getChildren().addAll(heading, list, queue);
        VBox.setVgrow(list, javafx.scene.layout.Priority.ALWAYS);
    }

    public ListView<Member> listView() {
        return list;
    }

    public void setTheme(Theme theme) {
        this.theme = theme;
        list.refresh();
    }

    /** FX thread: shows {@code state}'s members; a no-op when they did not change. */
    public void show(ViewerState state) {
        youId = state.you().map(Member::id).orElse("");
        if (!state.members().equals(shown)) {
            shown = state.members();
            list.getItems().setAll(shown);
        }
        queue.setText(state.waiting() == 0 ? "Nobody waiting" : state.waiting() + " waiting for a line");
    }

    private final class MemberCell extends ListCell<Member> {
        private final Circle swatch = new Circle(6);

        @Override
        protected void updateItem(Member member, boolean empty) {
            super.updateItem(member, empty);
            if (empty || member == null) {
                setText(null);
                setGraphic(null);
                getStyleClass().remove("you");
                return;
            }
            swatch.setFill(theme.lineColor(member.hue()));
            String name = member.name().isEmpty() ? member.id() : member.name();
            boolean you = member.id().equals(youId);
            setText(you ? name + " (you)" : name);
            setGraphic(swatch);
            if (you && !getStyleClass().contains("you")) getStyleClass().add("you");
            if (!you) getStyleClass().remove("you");
        }
    }
}
