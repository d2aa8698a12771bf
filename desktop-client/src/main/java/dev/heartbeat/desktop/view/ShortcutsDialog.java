package dev.heartbeat.desktop.view;

import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** Help → Keyboard shortcuts: every key of the viewer, live, looking back and playing a file. */
public final class ShortcutsDialog {
    /** Key and meaning; the web page's "?" list says the same. */
    public static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Space or a click", "pulse your line (playing a recording: play or pause)"},
            new String[] {"\u2190", "go back 5 s in this space (again: 5 s more)"},
            new String[] {"\u2192", "forward 5 s while looking back or playing"},
            new String[] {"Shift+\u2190 / Shift+\u2192", "previous / next burst of pulses"},
            new String[] {"+ / \u2212", "faster / slower (0.25\u00d7 to 8\u00d7)"},
            new String[] {"K", "play or pause while looking back or playing"},
            new String[] {"Home", "the start of the recording"},
            new String[] {"End", "go live: back to the present (playing a file: its end)"},
            new String[] {"Ctrl+K", "connect to a space"},
            new String[] {"Ctrl+O", "open a recording"},
            new String[] {"Ctrl+S", "save a snapshot as PNG"},
            new String[] {"Ctrl+E", "export a stretch as GIF or PNG frames"},
            new String[] {"Ctrl+Shift+D", "dark or light theme"},
            new String[] {"Ctrl+L", "show or hide the members list"},
            new String[] {"F1", "this list"},
            new String[] {"Ctrl+Q", "quit"});

    private ShortcutsDialog() {}

    /** A dialog listing {@link #SHORTCUTS}; the caller styles and shows it. */
    public static Alert create(Window owner) {
        GridPane grid = new GridPane();
        grid.setId("shortcuts");
        grid.setHgap(16);
        grid.setVgap(4);
        for (int i = 0; i < SHORTCUTS.size(); i++) {
            Label key = new Label(SHORTCUTS.get(i)[0]);
            key.setStyle("-fx-font-weight: bold");
            grid.addRow(i, key, new Label(SHORTCUTS.get(i)[1]));
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.getDialogPane().setContent(grid);
        return alert;
    }
}
