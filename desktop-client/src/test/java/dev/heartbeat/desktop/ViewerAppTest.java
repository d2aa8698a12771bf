package dev.heartbeat.desktop;

import static dev.heartbeat.desktop.support.Fx.WAIT;
import static dev.heartbeat.desktop.support.Fx.fx;
import static dev.heartbeat.desktop.support.Fx.waitUntil;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heartbeat.desktop.state.ConnectionPhase;
import dev.heartbeat.desktop.state.ViewerState;
import dev.heartbeat.desktop.support.Recordings;
import dev.heartbeat.desktop.support.TestClient;
import dev.heartbeat.desktop.support.TestServer;
import dev.heartbeat.protocol.message.Member;
import dev.heartbeat.protocol.message.MemberStatus;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The whole viewer, headless, against a real server in this JVM and other clients speaking JSON. */
class ViewerAppTest {

    private final FxRobot robot = new FxRobot();
    private final List<AutoCloseable> closeLast = new java.util.ArrayList<>();
    private ViewerApp app;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        for (AutoCloseable c : closeLast) c.close(); // clients first, then servers
    }

    @Test
    void theWindowConnectsAndListsTheMembers() throws Exception {
        TestServer server = server(5);
        TestClient bo = client(server, "Bo");
        launch(server, "Ada");

        waitUntil(() -> state().phase() == ConnectionPhase.ONLINE && state().members().size() == 2);
        assertThat(fx(() -> presence().getItems().stream().map(Member::name).toList())).containsExactly("Bo", "Ada");
        assertThat(fx(() -> text("#status"))).startsWith("Active in lobby as Ada");
        assertThat(fx(() -> text("#counts"))).isEqualTo("2 / 5 lines \u00b7 0 waiting");
        assertThat(state().you().map(Member::id)).isPresent().isNotEqualTo(Optional.of(bo.id()));
    }

    @Test
    void aPulseFromAnotherClientReachesTheViewersState() throws Exception {
        TestServer server = server(5);
        TestClient bo = client(server, "Bo");
        launch(server, "Ada");
        waitUntil(() -> state().members().size() == 2);

        bo.pulse();
        waitUntil(() -> state().lastPulseOf(bo.id()).isPresent());
        long lag = state().serverTimeAt(System.currentTimeMillis()) - state().lastPulseOf(bo.id()).orElseThrow().at();
        assertThat(lag).isBetween(-1_000L, 5_000L);
    }

    @Test
    void clickingTheCanvasSendsAPulseThatAnotherClientReceives() throws Exception {
        TestServer server = server(5);
        TestClient bo = client(server, "Bo");
        launch(server, "Ada");
        waitUntil(() -> state().canPulse());
        String ada = state().you().orElseThrow().id();

        robot.clickOn("#space-canvas");
        // Own pulse shows at once, before any round trip.
        waitUntil(() -> state().lastPulseOf(ada).isPresent());
        JsonNode pulse = bo.await(type("pulse").and(e -> ada.equals(e.path("id").asText())), WAIT);
        assertThat(pulse.path("strength").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theSpaceKeyPulsesToo() throws Exception {
        TestServer server = server(5);
        TestClient bo = client(server, "Bo");
        launch(server, "Ada");
        waitUntil(() -> state().canPulse());
        String ada = state().you().orElseThrow().id();

        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        bo.await(type("pulse").and(e -> ada.equals(e.path("id").asText())), WAIT);
    }

    @Test
    void aFullSpaceShowsWaitingThenThePromotion() throws Exception {
        TestServer server = server(1);
        TestClient bo = client(server, "Bo");
        launch(server, "Ada");

        waitUntil(() -> fx(() -> text("#status")).startsWith("Waiting #1"));
        assertThat(state().status()).contains(MemberStatus.WAITING);
        assertThat(state().canPulse()).isFalse();
        waitUntil(() -> state().waiting() == 1);

        bo.closeBlocking();
        waitUntil(() -> fx(() -> text("#status")).startsWith("Active in lobby as Ada"));
        assertThat(state().members()).extracting(Member::name).containsExactly("Ada");
        assertThat(state().canPulse()).isTrue();
    }

    @Test
    void whenTheServerGoesAwayTheViewerReconnectsWithTheSameLine() throws Exception {
        TestServer first = TestServer.start(5);
        int port = first.port();
        launch(first, "Ada");
        waitUntil(() -> state().phase() == ConnectionPhase.ONLINE);
        String id = state().you().orElseThrow().id();

        first.close();
        waitUntil(() -> state().phase() == ConnectionPhase.RECONNECTING || state().phase() == ConnectionPhase.CONNECTING);
        waitUntil(() -> fx(() -> text("#status")).startsWith("Reconnecting in"));

        TestServer second = server(5, port);
        waitUntil(() -> state().phase() == ConnectionPhase.ONLINE);
        assertThat(state().you().orElseThrow().id()).isEqualTo(id);
        assertThat(state().members()).extracting(Member::id).contains(id);
        assertThat(second.port()).isEqualTo(port);
    }

    @Test
    void closingTheViewerLeavesTheSpaceCleanly() throws Exception {
        TestServer server = server(5);
        TestClient bo = client(server, "Bo");
        launch(server, "Ada");
        waitUntil(() -> state().members().size() == 2);
        String ada = state().you().orElseThrow().id();

        FxToolkit.cleanupApplication(app);
        app = null;
        JsonNode leave = bo.await(type("leave").and(e -> ada.equals(e.path("id").asText())), WAIT);
        assertThat(leave.path("reason").asText()).isEqualTo("closed");
    }

    @Test
    void aSnapshotOfTheDrawingIsNeitherBlankNorUniform() throws Exception {
        TestServer server = server(5);
        TestClient bo = client(server, "Bo");
        client(server, "Cy");
        launch(server, "Ada");
        waitUntil(() -> state().members().size() == 3);
        bo.pulse();
        waitUntil(() -> state().lastPulseOf(bo.id()).isPresent());
        robot.clickOn("#space-canvas");

        Path file = Path.of(System.getProperty("heartbeat.snapshots", "target/snapshots"), "viewer-three-lines.png");
        WaitForAsyncUtils.asyncFx(() -> {
            app.saveSnapshot(file);
            return null;
        }).get(10, TimeUnit.SECONDS);

        assertThat(file).exists();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isGreaterThan(200);
        assertThat(image.getHeight()).isGreaterThan(150);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) colours.add(image.getRGB(x, y));
        }
        // Three coloured lines with anti-aliased edges and a glow: many colours, not one.
        assertThat(colours.size()).isGreaterThan(50);
        assertThat(Files.size(file)).isGreaterThan(2_000);
    }

    @Test
    void aRecordingPlaysInTheWindow(@TempDir Path folder) throws Exception {
        TestServer server = server(5);
        launch(server, "Ada");
        waitUntil(() -> state().phase() == ConnectionPhase.ONLINE);
        Path recording = Recordings.writeNight(folder);

        WaitForAsyncUtils.asyncFx(() -> app.play(recording));
        waitUntil(() -> state().phase() == ConnectionPhase.REPLAY);
        assertThat(state().members()).extracting(Member::name).containsExactly("Bo");
        waitUntil(() -> fx(() -> text("#status")).startsWith("Replaying night.hbrec.gz (night)"));
        waitUntil(() -> state().members().size() == 2);
        waitUntil(() -> state().closeReason().isPresent());
        assertThat(state().members()).extracting(Member::name).containsExactly("Ada");
        assertThat(fx(() -> text("#status"))).endsWith("the recording ended");
    }

    // --- helpers

    private TestServer server(int capacity) {
        return server(capacity, 0);
    }

    private TestServer server(int capacity, int port) {
        TestServer server = TestServer.start(capacity, port);
        closeLast.add(server);
        return server;
    }

    private TestClient client(TestServer server, String name) throws Exception {
        TestClient client = TestClient.join(server, "lobby", name);
        closeLast.add(0, client::closeBlocking);
        return client;
    }

    private void launch(TestServer server, String name) throws Exception {
        Preferences node = Preferences.userRoot().node("dev/heartbeat/desktop-test");
        node.clear();
        ViewerOptions options = new ViewerOptions(Optional.of(server.url()), Optional.of("lobby"), Optional.of(name),
                Optional.empty(), Optional.of(dev.heartbeat.desktop.view.Theme.DARK));
        app = (ViewerApp) FxToolkit.setupApplication(() -> new ViewerApp(options, new ViewerPreferences(node)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ViewerState state() {
        return app.store().state();
    }

    @SuppressWarnings("unchecked")
    private ListView<Member> presence() {
        return (ListView<Member>) robot.lookup("#presence-list").query();
    }

    private String text(String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }


    private static Predicate<JsonNode> type(String type) {
        return e -> type.equals(e.path("type").asText());
    }
}
