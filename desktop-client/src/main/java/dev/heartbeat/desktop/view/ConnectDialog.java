package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.connection.SpaceAddress;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Asks which server, space and name to connect with; refuses to close on an address that cannot work. */
public final class ConnectDialog extends Dialog<SpaceAddress> {
    public static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final TextField server = new TextField();
    private final TextField space = new TextField();
    private final TextField name = new TextField();
    private final Label problem = new Label();

    public ConnectDialog(Window owner, String lastServer, String lastSpace, String lastName) {
        initOwner(owner);
        setTitle("Connect to a space");
        setHeaderText("Which Heartbeat space do you want to view?");
        server.setId("connect-server");
        space.setId("connect-space");
        name.setId("connect-name");
        problem.setId("connect-problem");
        problem.getStyleClass().add("problem");
        server.setPromptText(SpaceAddress.DEFAULT_SERVER);
        space.setPromptText("lobby");
        name.setPromptText("optional: the server picks one");
        server.setText(lastServer);
        space.setText(lastSpace);
        name.setText(lastName);
        server.setPrefColumnCount(26);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(16, 16, 8, 16));
        grid.addRow(0, new Label("Server"), server);
        grid.addRow(1, new Label("Space"), space);
        grid.addRow(2, new Label("Name"), name);
        grid.add(problem, 0, 3, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(CONNECT, ButtonType.CANCEL);
        getDialogPane().lookupButton(CONNECT).addEventFilter(ActionEvent.ACTION, event -> {
            if (read().isEmpty()) event.consume();
        });
        setResultConverter(button -> button == CONNECT ? read().orElse(null) : null);
        setOnShown(e -> server.requestFocus());
    }

    private Optional<SpaceAddress> read() {
        try {
            SpaceAddress address = SpaceAddress.parse(server.getText(), space.getText(), name.getText());
            problem.setText("");
            return Optional.of(address);
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            return Optional.empty();
        }
    }
}
