package dev.heartbeat.desktop.view;

import dev.heartbeat.desktop.replay.RecordingPlayer;
import dev.heartbeat.desktop.replay.RecordingOverview;
import dev.heartbeat.desktop.replay.ReplayCommand;
import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.protocol.recording.Timeline;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The main window: menus, the drawing with its banner, the presence list, the player's controls
 * (while a recording plays) and the status bar. It reads the store and forwards what the user does to {@link Actions}; it owns no connection.
 */
public final class ViewerWindow {
    /** The smallest window that still shows the drawing, the list and the status bar. */
    public static final double MIN_WIDTH = 640;
    public static final double MIN_HEIGHT = 420;
    /** The size a new window opens at, when the screen has room. */
    public static final double DEFAULT_WIDTH = 1100;
    public static final double DEFAULT_HEIGHT = 720;

    /** What the menus, the mouse and the keyboard ask for. */
    public interface Actions {
        void connect();

        void openRecording();

        void saveSnapshot();

        /** Export a stretch of the recording shown (a file, or the live space's) as an animated GIF or PNG frames. */
        void export();

        void quit();

        void pulse();

        void useTheme(Theme theme);

        /** A control or key of the recording player. */
        void replay(ReplayCommand command);
    }

    private final Stage stage;
    private final ViewerStore store;
    private final SpaceRenderer renderer;
    private final SpaceCanvas drawing;
    private final PresenceList presence;
    private final BannerView banner = new BannerView();
    private final ReplayBar replayBar;
    private final Label status = new Label();
    private final Label counts = new Label();
    private final CheckMenuItem darkTheme = new CheckMenuItem("Dark theme");
    private final Scene scene;

    public ViewerWindow(Stage stage, ViewerStore store, Theme theme, Actions actions) {
        this.stage = stage;
        this.store = store;
        this.renderer = new SpaceRenderer(theme);
        this.drawing = new SpaceCanvas(store, renderer);
        this.presence = new PresenceList(theme);
        this.replayBar = new ReplayBar(theme, actions::replay);

        status.setId("status");
        counts.setId("counts");
        counts.getStyleClass().add("counts");
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox statusBar = new HBox(status, counts);
        statusBar.getStyleClass().add("status-bar");

        StackPane centre = new StackPane(drawing, banner);
        BorderPane root = new BorderPane(centre);
        root.setTop(menus(actions));
        root.setRight(presence);
        root.setBottom(new VBox(replayBar, statusBar));

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(DEFAULT_WIDTH, screen.getWidth() * 0.9), Math.min(DEFAULT_HEIGHT, screen.getHeight() * 0.9));
        scene.getStylesheets().add(ViewerWindow.class.getResource("viewer.css").toExternalForm());
        applyTheme(theme);

        drawing.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) actions.pulse();
        });
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() || e.isAltDown()) return;
            if (store.shown().phase() == ConnectionPhase.REPLAY) {
                ReplayKeys.command(e.getCode(), e.isShiftDown()).ifPresent(command -> {
                    actions.replay(command);
                    e.consume();
                });
            } else if (e.getCode() == KeyCode.SPACE) {
                actions.pulse();
                e.consume();
            } else if (replayBar.isActive() && (e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.KP_LEFT)) {
                // Live, with the space's recording behind: ← goes back in it.
                actions.replay(e.isShiftDown() ? new ReplayCommand.PreviousBurst() : new ReplayCommand.SeekBy(-RecordingPlayer.SEEK_STEP_MS));
                e.consume();
            }
        });
        store.subscribe(this::show);
        drawing.setAfterFrame(now -> tick(store.shown(), now));

        stage.setScene(scene);
        stage.setTitle("Heartbeat");
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.getIcons().setAll(AppIcon.images());
        show(store.state());
    }

    public Stage stage() {
        return stage;
    }

    public SpaceCanvas drawing() {
        return drawing;
    }

    public SpaceRenderer renderer() {
        return renderer;
    }

    public ReplayBar replayBar() {
        return replayBar;
    }

    /** A recording is about to play: the player's seek bar learns its length and where its pulses are. */
    public void loadRecording(Timeline timeline) {
        replayBar.load(timeline);
        replayBar.show(store.shown());
    }

    /** The live space's recording, to rewind in: the seek bar shows while live, with the present at its end. */
    public void loadLiveRecording(RecordingOverview overview) {
        replayBar.loadLive(overview);
        replayBar.show(store.shown());
    }

    /** No recording to rewind in any more. */
    public void forgetLiveRecording() {
        replayBar.forgetLive();
        replayBar.show(store.shown());
    }

    public void start() {
        stage.show();
        drawing.start();
    }

    public void stop() {
        drawing.stop();
    }

    public void applyTheme(Theme theme) {
        renderer.setTheme(theme);
        presence.setTheme(theme);
        replayBar.setTheme(theme);
        scene.getRoot().getStyleClass().removeAll(Theme.DARK.styleClass(), Theme.LIGHT.styleClass());
        scene.getRoot().getStyleClass().add(theme.styleClass());
        darkTheme.setSelected(theme == Theme.DARK);
    }

    /** Gives a dialog the window's stylesheet and current theme. */
    public void styleDialog(javafx.scene.control.DialogPane pane) {
        pane.getStylesheets().setAll(scene.getStylesheets());
        pane.getStyleClass().removeAll(Theme.DARK.styleClass(), Theme.LIGHT.styleClass());
        pane.getStyleClass().add(renderer.theme().styleClass());
    }

    public void setTitle(String detail) {
        stage.setTitle(detail.isEmpty() ? "Heartbeat" : "Heartbeat \u2014 " + detail);
    }

    private void show(ViewerState state) {
        presence.show(state);
        replayBar.show(state);
        counts.setText(StatusText.counts(state));
        tick(state, System.currentTimeMillis());
    }

    /** Per frame: the parts that change with time alone (countdown, banner). */
    private void tick(ViewerState state, long now) {
        String text = store.rewinding() ? StatusText.rewinding(store.state(), state) : StatusText.of(state, now);
        if (!text.equals(status.getText())) status.setText(text);
        banner.refresh(state, now);
    }

    private MenuBar menus(Actions actions) {
        MenuItem connect = item("Connect\u2026", "menu-connect", new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN), actions::connect);
        MenuItem open = item("Open recording\u2026", "menu-open", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), actions::openRecording);
        MenuItem snapshot = item("Save snapshot as PNG\u2026", "menu-snapshot", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), actions::saveSnapshot);
        MenuItem export = item("Export as GIF or PNG frames\u2026", "menu-export", new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN), actions::export);
        MenuItem quit = item("Quit", "menu-quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), actions::quit);
        Menu file = new Menu("_File", null, connect, open, snapshot, export, new SeparatorMenuItem(), quit);

        MenuItem pulse = item("Pulse (Space or click)", "menu-pulse", new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), actions::pulse);
        MenuItem rewind = item("Rewind 5 s (\u2190)", "menu-rewind", null,
                () -> actions.replay(new ReplayCommand.SeekBy(-RecordingPlayer.SEEK_STEP_MS)));
        MenuItem goLive = item("Go live (End)", "menu-go-live", null, () -> actions.replay(new ReplayCommand.GoLive()));
        Menu space = new Menu("_Space", null, pulse, rewind, goLive);

        darkTheme.setId("menu-dark");
        darkTheme.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        darkTheme.setOnAction(e -> actions.useTheme(darkTheme.isSelected() ? Theme.DARK : Theme.LIGHT));
        CheckMenuItem showPresence = new CheckMenuItem("Members list");
        showPresence.setSelected(true);
        showPresence.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        showPresence.setOnAction(e -> {
            presence.setVisible(showPresence.isSelected());
            presence.setManaged(showPresence.isSelected());
        });
        Menu view = new Menu("_View", null, darkTheme, showPresence);

        MenuItem keys = item("Keyboard shortcuts", "menu-shortcuts", new KeyCodeCombination(KeyCode.F1), () -> {
            var dialog = ShortcutsDialog.create(stage);
            styleDialog(dialog.getDialogPane());
            dialog.show();
        });
        Menu help = new Menu("_Help", null, keys);

        MenuBar bar = new MenuBar(file, space, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String id, KeyCombination shortcut, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        if (shortcut != null) item.setAccelerator(shortcut);
        item.setOnAction(e -> action.run());
        return item;
    }
}
