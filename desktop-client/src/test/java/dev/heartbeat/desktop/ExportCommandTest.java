package dev.heartbeat.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heartbeat.desktop.support.Evening;
import dev.heartbeat.desktop.view.Theme;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/**
 * {@code --replay FILE --export OUT --from --to} as a user runs it: a JVM of its own, no display
 * (no DISPLAY variable, no headless options given), the viewer's main class. The files it writes
 * are read back: an animated GIF with one frame per tenth of a second of the stretch, and a PNG
 * sequence of the same frames.
 */
class ExportCommandTest {
    @TempDir
    Path folder;

    @Test
    void aTwoSecondStretchAtTenFramesASecondIsAGifOfTwentyFrames() throws Exception {
        Path recording = Evening.write(folder);
        Path gif = folder.resolve("burst.gif");
        String said = export(recording, gif.toString(), "--from", "8", "--to", "0:10", "--fps", "10", "--size", "320x200", "--theme", "dark");
        assertThat(said).contains("wrote 20 frames").contains(gif.toString());

        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(20);
            List<BufferedImage> frames = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                frames.add(reader.read(i));
                assertThat(delayCentiseconds(reader, i)).as("frame %d shows for a tenth of a second", i).isEqualTo(10);
            }
            BufferedImage first = frames.get(0);
            assertThat(first.getWidth()).isEqualTo(320);
            assertThat(first.getHeight()).isEqualTo(200);
            assertThat(distance(first.getRGB(2, 2), 0x0b0e14)).as("the dark background in a corner").isLessThan(12);
            assertThat(drawnShare(first, 0x0b0e14)).as("lines are drawn").isGreaterThan(0.003);
            // Pulses run around the rings during the burst: the frames are not all the same picture.
            assertThat(differingPixels(frames.get(0), frames.get(10))).isGreaterThan(50);
        }
    }

    @Test
    void aPngNameWritesTheSameFramesAsANumberedSequence() throws Exception {
        Path recording = Evening.write(folder);
        Path out = folder.resolve("frames").resolve("evening.png");
        export(recording, out.toString(), "--from", "0m42s", "--to", "43.5", "--fps", "4", "--size", "200x160", "--theme", "light");
        List<Path> pngs;
        try (Stream<Path> files = Files.list(out.getParent())) {
            pngs = files.sorted().toList();
        }
        assertThat(pngs).extracting(p -> p.getFileName().toString())
                .containsExactly("evening-0001.png", "evening-0002.png", "evening-0003.png", "evening-0004.png", "evening-0005.png", "evening-0006.png");
        BufferedImage frame = ImageIO.read(pngs.get(0).toFile());
        assertThat(frame.getWidth()).isEqualTo(200);
        assertThat(distance(frame.getRGB(1, 1), 0xf5f6fa)).as("the light background").isLessThan(6);
        assertThat(Theme.LIGHT.palette().background()).isEqualTo("#f5f6fa");
    }

    @Test
    void aStretchThatEndsBeforeItStartsIsRefusedWithExitCode2() throws Exception {
        Path recording = Evening.write(folder);
        Process process = start(recording, folder.resolve("x.gif").toString(), "--from", "10", "--to", "5");
        String said = output(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(said).contains("the stretch must end after it starts");
    }

    private String export(Path recording, String out, String... options) throws Exception {
        Process process = start(recording, out, options);
        String said = output(process);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the export finishes").isTrue();
        assertThat(process.exitValue()).as("exit code; it said: %s", said).isZero();
        return said;
    }

    private static Process start(Path recording, String out, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--replay", recording.toString(), "--export", out));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        return builder.start();
    }

    private static String output(Process process) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        process.getInputStream().transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int delayCentiseconds(ImageReader reader, int index) throws Exception {
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(index).getAsTree("javax_imageio_gif_image_1.0");
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("GraphicControlExtension")) return Integer.parseInt(((IIOMetadataNode) n).getAttribute("delayTime"));
        }
        throw new AssertionError("frame " + index + " has no GraphicControlExtension");
    }

    private static int distance(int rgb, int other) {
        return Math.abs((rgb >> 16 & 0xff) - (other >> 16 & 0xff)) + Math.abs((rgb >> 8 & 0xff) - (other >> 8 & 0xff))
                + Math.abs((rgb & 0xff) - (other & 0xff));
    }

    private static double drawnShare(BufferedImage image, int background) {
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) if (distance(image.getRGB(x, y), background) > 40) drawn++;
        }
        return (double) drawn / (image.getWidth() * image.getHeight());
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) if (distance(a.getRGB(x, y), b.getRGB(x, y)) > 40) n++;
        }
        return n;
    }
}
