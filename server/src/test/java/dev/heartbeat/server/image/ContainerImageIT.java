package dev.heartbeat.server.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heartbeat.server.support.ServerProcess;
import dev.heartbeat.server.support.TestViewer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image {@code mvn verify} builds: what its tar holds, and that its entry point runs the
 * server from its own layers alone, in a chroot of them with /proc and /dev as a container has.
 */
class ContainerImageIT {
    private static final String JAVA = "/opt/java/bin/java";
    private static OciImage image;

    @TempDir static Path work;

    @BeforeAll
    static void read() throws IOException {
        image = new OciImage(Path.of(System.getProperty("image.tar", "target/heartbeat-server-image.tar")));
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void theConfigStartsTheServerOnPort8080AsAUserOtherThanRoot() {
        JsonNode config = image.config.get("config");
        assertThat(list(config.get("Entrypoint")))
                .containsExactly(JAVA, "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-cp", "@/app/jib-classpath-file", "dev.heartbeat.server.HeartbeatMain");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        assertThat(list(config.get("Env"))).contains("HEARTBEAT_RECORDINGS=/recordings");
        assertThat(config.get("Volumes").has("/recordings")).isTrue();
        assertThat(image.layerMediaType(0)).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    }

    @Test
    void theLayersHoldTheJarItsLibrariesAJavaRuntimeAndWhatItLinksAgainst() throws IOException {
        Map<String, Integer> paths = image.paths();
        assertThat(paths.keySet()).anyMatch(p -> p.matches("app/classpath/server-.+\\.jar"));
        assertThat(paths.keySet()).anyMatch(p -> p.matches("app/libs/javalin-.+\\.jar"));
        assertThat(paths.keySet()).anyMatch(p -> p.matches("app/libs/web-client-.+\\.jar"));
        assertThat(paths).containsEntry("opt/java/bin/java", 0755).containsEntry("lib64/ld-linux-x86-64.so.2", 0755)
                // The rest depends on the JDK: Debian's 17 links the system zlib and libstdc++, Temurin's 25 neither.
                .containsKey("lib/x86_64-linux-gnu/libc.so.6")
                .containsEntry("recordings", 0777).containsEntry("tmp", 0777);
    }

    @Test
    void theEntryPointServesFromTheImagesOwnFilesAndStopsOnSigterm() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "true".equals(System.getenv("CI"))) throw new AssertionError("CI must run this as root: it needs chroot");
        Assumptions.assumeTrue(root, "chroot and mount need root; the tar's contents are checked without");
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        image.unpack(rootfs);
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/hosts"), "127.0.0.1 localhost\n"); // a container runtime writes this
        for (String line : Files.readAllLines(rootfs.resolve("app/jib-classpath-file"))) {
            for (String entry : line.split(":")) {
                // A "dir/*" entry is every jar in dir, as the java launcher reads it.
                Path path = rootfs.resolve(entry.substring(1).replaceFirst("/\\*$", ""));
                if (entry.endsWith("/*")) assertThat(path).as("on the classpath").isDirectoryContaining("glob:**.jar");
                else assertThat(path).as("on the classpath").isRegularFile();
            }
        }

        JsonNode config = image.config.get("config");
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                // The root bound onto itself is a mount point, as a container's root is (Java's FileStore needs one).
                "/bin/mount --bind \"$0\" \"$0\" && /bin/mount -t proc proc \"$0/proc\" && /bin/mount --rbind /dev \"$0/dev\""
                        + " && exec /usr/sbin/chroot --userspec="
                        + config.get("User").asText() + " \"$0\" \"$@\"",
                rootfs.toString()));
        command.addAll(list(config.get("Entrypoint")));
        // A short warm-up: the image's readiness is part of what is tested, 55 s of it would not add to that.
        command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--warm-up", "2s"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear(); // the image's environment, nothing of this machine's
        for (String variable : list(config.get("Env"))) {
            String[] pair = variable.split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        }
        Process server = builder.start(); // unshare, sh and chroot exec each other: this is the JVM's pid
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> ServerProcess.readOutput(server, output, port), "image-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int listening = port.get(60, TimeUnit.SECONDS);
            HttpClient http = HttpClient.newHttpClient();
            long readyBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (get(http, listening, "/health/ready").statusCode() != 200) {
                assertThat(System.nanoTime()).as("ready after the warm-up; output: %s", output).isLessThan(readyBy);
                Thread.sleep(100);
            }
            HttpResponse<String> page = get(http, listening, "/");
            assertThat(page.statusCode()).as("the web client, out of its jar").isEqualTo(200);
            assertThat(page.body()).contains("<html");
            TestViewer viewer = TestViewer.join(URI.create("ws://127.0.0.1:" + listening + "/ws/lobby?name=Ada"));
            assertThat(viewer.welcome().you().name()).isEqualTo("Ada");
            // A session worth keeping: two members and a pulse (an empty one is not recorded).
            TestViewer other = TestViewer.join(URI.create("ws://127.0.0.1:" + listening + "/ws/lobby?name=Bo"));
            viewer.pulse();
            assertThat(other.next(dev.heartbeat.protocol.message.Pulse.class).id()).isEqualTo(viewer.id());
            assertThat(get(http, listening, "/metrics").body()).contains("jvm_memory_used_bytes", "process_files_open_files");
            viewer.close();
            other.close();
            assertThat(viewer.awaitClose()).isPositive();

            server.toHandle().destroy(); // SIGTERM, as `docker stop` sends; Process.destroy() would close our end of its output
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("exited; output: %s", output).isTrue();
            reader.join(5_000);
            assertThat(server.exitValue()).as("output: %s", output).isZero();
            assertThat(output).anyMatch(line -> line.contains("stopped"));
            try (Stream<Path> files = Files.list(rootfs.resolve("recordings"))) {
                assertThat(files.map(Path::toString)).as("written by the image's user").anyMatch(f -> f.endsWith(".hbrec"));
            }
        } finally {
            server.destroyForcibly();
        }
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
