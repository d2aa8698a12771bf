package dev.heartbeat.browser;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Where screenshots go (a build artifact) and how to tell a drawn page from a blank one. */
final class Screenshots {
    private Screenshots() {}

    static Path file(String name) {
        return Path.of(System.getProperty("heartbeat.screenshots", "target/screenshots")).resolve(name);
    }

    /** What a screenshot shows, in numbers: its size, how many colours, how much is not background. */
    record Summary(int width, int height, int colours, double drawnFraction) {}

    /** @param background the page's background colour as 0xRRGGBB */
    static Summary summarise(Path png, int background) {
        BufferedImage image;
        try {
            image = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Integer> colours = new HashSet<>();
        long drawn = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (distance(rgb, background) > 24) drawn++;
            }
        }
        return new Summary(image.getWidth(), image.getHeight(), colours.size(),
                (double) drawn / ((long) image.getWidth() * image.getHeight()));
    }

    private static int distance(int a, int b) {
        return Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF));
    }
}
