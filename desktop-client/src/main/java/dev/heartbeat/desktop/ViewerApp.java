package dev.heartbeat.desktop;

import dev.heartbeat.desktop.connection.SpaceAddress;
import dev.heartbeat.desktop.connection.SpaceConnection;
import dev.heartbeat.desktop.connection.RecordingsClient;
import dev.heartbeat.desktop.replay.RecordingOverview;
import dev.heartbeat.desktop.replay.RecordingPlayer;
import dev.heartbeat.desktop.replay.Rewinder;
import dev.heartbeat.desktop.replay.ReplayCommand;
import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.ViewerEvent;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.desktop.view.ConnectDialog;
import dev.heartbeat.desktop.view.RecordingExport;
import dev.heartbeat.desktop.view.Snapshots;
import dev.heartbeat.desktop.view.SystemTheme;
import dev.heartbeat.desktop.view.Theme;
import dev.heartbeat.desktop.view.ViewerStore;
import dev.heartbeat.desktop.view.ViewerWindow;
import dev.heartbeat.protocol.message.MemberStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop viewer, wired top to bottom: options and preferences, the store, the window, and
 * the one source of events at a time (a live connection or a recording). Everything here runs on
 * the FX thread; connections report through {@link ViewerStore#post}.
 */
public final class ViewerApp extends Application implements ViewerWindow.Actions {
    private static final Logger LOG = LoggerFactory.getLogger(ViewerApp.class);
    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    /** What File → Export writes: this much from the moment shown. */
    private static final long EXPORT_MS = 10_000;

    private ViewerOptions options;
    private final ViewerPreferences preferences;
    private final ViewerStore store = new ViewerStore();
    private ViewerWindow window;
    private Theme theme;
    private SpaceConnection connection;
    private RecordingPlayer player;
    private Rewinder rewinder;
    private long lastPulseAt;
    private long edgeShownAt;
    private boolean rewinderAsked;
    /** Parts of live recordings load here, off the FX thread. */
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "heartbeat-recording-parts");
        thread.setDaemon(true);
        return thread;
    });

    /** Used by {@link Application#launch}: options come from the command line, preferences from the user's. */
    public ViewerApp() {
        this(null, ViewerPreferences.user());
    }

    /** For tests and embedding: explicit options and a preferences node of one's own. */
    public ViewerApp(ViewerOptions options, ViewerPreferences preferences) {
        this.options = options;
        this.preferences = preferences;
    }

    @Override
    public void init() {
        if (options == null) options = ViewerOptions.parse(getParameters().getRaw());
        // Asking the desktop may run a command; init() is off the FX thread, so the window does not wait.
        theme = options.theme().or(preferences::theme).orElseGet(SystemTheme::detect);
    }

    @Override
    public void start(Stage stage) {
        if (theme == null) init();
        window = new ViewerWindow(stage, store, theme, this);
        window.start();
        stage.setOnCloseRequest(e -> closeSource());
        window.drawing().setBeforeFrame(this::beforeFrame);
        store.subscribe(state -> {
            // Once welcomed, look for the space's recording (the recorder opens it with the first viewer).
            if (rewinder != null && !rewinder.available() && !rewinderAsked && state.phase() == ConnectionPhase.ONLINE) {
                rewinderAsked = true;
                rewinder.find(state.space());
            }
        });
        Optional<String> server = options.server();
        if (options.replay().isPresent()) {
            play(options.replay().get());
        } else if (server.isPresent()) {
            connectTo(SpaceAddress.parse(server.get(), options.space().orElse(preferences.space()),
                    options.name().orElse(preferences.name())));
        } else {
            Platform.runLater(this::connect);
        }
    }

    @Override
    public void stop() {
        // Quitting waits (up to a second) for the close handshake, so the server sees a clean leave.
        player = null;
        if (connection != null) connection.close();
        connection = null;
        loader.shutdownNow();
        if (window != null) window.stop();
    }

    public ViewerStore store() {
        return store;
    }

    public ViewerWindow window() {
        return window;
    }

    private void beforeFrame(long now) {
        if (player != null) store.dispatchAll(player.advance(now));
        if (rewinder == null || !rewinder.available()) return;
        if (rewinder.rewinding()) {
            List<ViewerEvent> events = rewinder.advance(now);
            if (!events.isEmpty() && store.rewinding()) store.rewind(events);
        }
        // The present moves on: once a second the seek bar reaches a little further.
        if (now - edgeShownAt >= 1_000) {
            edgeShownAt = now;
            rewinder.overview().ifPresent(window::loadLiveRecording);
        }
    }

    /** Connects to {@code address}, dropping whatever was shown before. */
    public void connectTo(SpaceAddress address) {
        closeSource();
        SpaceConnection[] self = new SpaceConnection[1];
        self[0] = new SpaceConnection(address, event -> store.post(self[0], event));
        connection = self[0];
        store.begin(connection);
        window.forgetLiveRecording();
        rewinderAsked = false;
        rewinder = new Rewinder(new RecordingsClient(address.server()), loader, Platform::runLater,
                () -> store.state().serverTimeAt(System.currentTimeMillis()), new RewindShown());
        preferences.remember(address);
        window.setTitle(address.describe());
        connection.start();
    }

    @Override
    public void connect() {
        ConnectDialog dialog = new ConnectDialog(window.stage(),
                options.server().orElse(preferences.server()),
                options.space().orElse(preferences.space()),
                options.name().orElse(preferences.name()));
        window.styleDialog(dialog.getDialogPane());
        dialog.showAndWait().ifPresent(this::connectTo);
    }

    @Override
    public void openRecording() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a Heartbeat recording");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Heartbeat recordings", "*.hbrec", "*.hbrec.gz", "*.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Optional.ofNullable(chooser.showOpenDialog(window.stage())).map(java.io.File::toPath).ifPresent(this::play);
    }

    /** Loads the recording in {@code file} off the FX thread, then plays it instead of whatever was shown. */
    public void play(Path file) {
        Thread loader = new Thread(() -> {
            try {
                RecordingPlayer loaded = RecordingPlayer.load(file);
                Platform.runLater(() -> play(loaded));
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot play {}", file, e);
                Platform.runLater(() -> error("Cannot play " + file.getFileName(), String.valueOf(e.getMessage())));
            }
        }, "heartbeat-recording-loader");
        loader.setDaemon(true);
        loader.start();
    }

    /** FX thread: plays an already loaded recording from its start; the live connection, if any, closes. */
    public void play(RecordingPlayer loaded) {
        closeSource();
        player = loaded;
        store.begin(loaded);
        window.setTitle(loaded.header().space() + " — recording");
        window.loadRecording(loaded.timeline());
        store.dispatchAll(loaded.start(System.currentTimeMillis()));
    }

    /** The recording being played, if any; for tests. */
    public Optional<RecordingPlayer> player() {
        return Optional.ofNullable(player);
    }

    @Override
    public void replay(ReplayCommand command) {
        long now = System.currentTimeMillis();
        if (player != null) {
            if (!(command instanceof ReplayCommand.GoLive)) store.dispatchAll(player.apply(command, now));
            return;
        }
        if (rewinder == null || !rewinder.available()) {
            if (connection != null) store.dispatch(new ViewerEvent.Notice("Nothing to rewind: the server does not record this space", now));
            return;
        }
        if (command instanceof ReplayCommand.GoLive) {
            rewinder.goLive();
        } else if (rewinder.rewinding()) {
            List<ViewerEvent> events = rewinder.apply(command, now);
            if (!events.isEmpty()) store.rewind(events);
        } else if (command instanceof ReplayCommand.SeekTo seek) {
            rewinder.rewindTo(seek.t(), now);
        } else if (command instanceof ReplayCommand.PreviousBurst) {
            rewinder.overview().flatMap(o -> o.previousBurst(rewinder.edge())).ifPresent(b -> rewinder.rewindTo(b.start(), now));
        } else if (command instanceof ReplayCommand.SeekBy || command instanceof ReplayCommand.TogglePlay) {
            rewinder.back(RecordingPlayer.SEEK_STEP_MS, now);
        }
    }

    /** The rewinder, while a live space is shown; for tests. */
    public Optional<Rewinder> rewinder() {
        return Optional.ofNullable(rewinder);
    }

    /** What looking back in the live space does to the window. */
    private final class RewindShown implements Rewinder.Listener {
        @Override
        public void rewound(List<ViewerEvent> events) {
            store.rewind(events);
        }

        @Override
        public void live() {
            store.stopRewind();
        }

        @Override
        public void overview(RecordingOverview overview) {
            window.loadLiveRecording(overview);
        }

        @Override
        public void failed(String why) {
            store.dispatch(new ViewerEvent.Notice(why, System.currentTimeMillis()));
        }
    }

    @Override
    public void saveSnapshot() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save snapshot as PNG");
        String space = store.state().space().isEmpty() ? "space" : store.state().space();
        chooser.setInitialFileName("heartbeat-" + space + "-" + LocalDateTime.now().format(FILE_STAMP) + ".png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        Optional.ofNullable(chooser.showSaveDialog(window.stage())).map(java.io.File::toPath).ifPresent(file -> {
            try {
                saveSnapshot(file);
            } catch (IOException e) {
                error("Cannot save the snapshot", e.getMessage());
            }
        });
    }

    /** Writes the drawing as it is now, at the window's size, to {@code file} as PNG. */
    public void saveSnapshot(Path file) throws IOException {
        var canvas = window.drawing().canvas();
        int width = Math.max(1, (int) canvas.getWidth());
        int height = Math.max(1, (int) canvas.getHeight());
        WritableImage image = Snapshots.render(window.renderer(), store.state(), System.currentTimeMillis(), width, height);
        Snapshots.writePng(image, file);
        LOG.info("snapshot saved to {}", file);
    }

    /**
     * File → Export: the ten seconds from the moment shown (of a recording playing, or of the live
     * space looked back in) as an animated GIF or PNG frames, in the window's theme.
     */
    @Override
    public void export() {
        Optional<RecordingPlayer> source = player().or(() -> rewinder == null ? Optional.empty() : rewinder.player());
        if (source.isEmpty()) {
            store.dispatch(new ViewerEvent.Notice("Export needs a recording: open one, or go back in the live space (\u2190)", System.currentTimeMillis()));
            return;
        }
        RecordingPlayer shown = source.get();
        long from = shown.position();
        long to = Math.max(from + 1, Math.min(shown.duration(), from + EXPORT_MS));
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export as animated GIF or PNG frames");
        chooser.setInitialFileName("heartbeat-" + shown.header().space() + "-" + LocalDateTime.now().format(FILE_STAMP) + ".gif");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Animated GIF", "*.gif"),
                new FileChooser.ExtensionFilter("PNG frames (name-0001.png, …)", "*.png"));
        Optional.ofNullable(chooser.showSaveDialog(window.stage())).map(java.io.File::toPath).ifPresent(file -> {
            try {
                RecordingExport export = new RecordingExport(from, to, RecordingExport.DEFAULT_FPS, RecordingExport.DEFAULT_WIDTH,
                        RecordingExport.DEFAULT_HEIGHT, theme);
                export.write(shown.timeline(), file);
                store.dispatch(new ViewerEvent.Notice("Exported " + export.frames() + " frames to " + file.getFileName(), System.currentTimeMillis()));
            } catch (IOException | RuntimeException e) {
                error("Cannot export", String.valueOf(e.getMessage()));
            }
        });
    }

    @Override
    public void quit() {
        Platform.exit();
    }

    @Override
    public void pulse() {
        // Looking back, the picture is the past: a click plays and pauses it instead.
        if (store.rewinding()) {
            replay(new ReplayCommand.TogglePlay());
            return;
        }
        ViewerState state = store.state();
        long now = System.currentTimeMillis();
        if (!state.canPulse()) {
            explainNoPulse(state, now);
            return;
        }
        // Stay under the server's rate limit rather than earn an error for every extra click.
        long gap = 1000L / state.limits().map(l -> l.pulsesPerSecond()).orElse(1);
        if (now - lastPulseAt < gap) return;
        lastPulseAt = now;
        connection.pulse(1.0);
        store.dispatch(new ViewerEvent.OwnPulse(1.0, now));
    }

    @Override
    public void useTheme(Theme chosen) {
        theme = chosen;
        preferences.rememberTheme(chosen);
        window.applyTheme(chosen);
    }

    private void explainNoPulse(ViewerState state, long now) {
        String why;
        if (state.phase() == ConnectionPhase.REPLAY) {
            why = "Pulses are off while a recording plays";
        } else if (state.phase() == ConnectionPhase.ONLINE && state.status().orElse(null) == MemberStatus.WAITING) {
            why = "You are waiting #" + state.position() + ": you can pulse once you have a line";
        } else {
            why = "Not connected: you can pulse once you have a line";
        }
        store.dispatch(new ViewerEvent.Notice(why, now));
    }

    /**
     * Closes the connection with 1000 (off the FX thread, so switching spaces never freezes the
     * window) or stops the recording; the store ignores late events of either.
     */
    private void closeSource() {
        player = null;
        rewinder = null;
        if (window != null) window.forgetLiveRecording();
        if (connection != null) {
            SpaceConnection closing = connection;
            connection = null;
            Thread closer = new Thread(closing::close, "heartbeat-connection-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private void error(String header, String detail) {
        Alert alert = new Alert(Alert.AlertType.ERROR, detail);
        alert.initOwner(window.stage());
        alert.setHeaderText(header);
        window.styleDialog(alert.getDialogPane());
        alert.show();
    }
}
