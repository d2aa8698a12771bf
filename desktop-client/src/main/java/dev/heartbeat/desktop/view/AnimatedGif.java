package dev.heartbeat.desktop.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF written frame by frame with the JDK's own GIF writer: each frame shows for the
 * same time, and the animation loops (the NETSCAPE2.0 extension every browser honours).
 */
final class AnimatedGif implements AutoCloseable {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final ImageOutputStream out;
    private final ImageWriter writer;
    private final int delayCentiseconds;
    private boolean first = true;

    AnimatedGif(Path file, int frameMillis) throws IOException {
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.deleteIfExists(file);
        this.out = ImageIO.createImageOutputStream(file.toFile());
        this.delayCentiseconds = Math.max(2, Math.round(frameMillis / 10f));
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
    }

    void add(BufferedImage frame) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), null);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(FORMAT);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
            child(root, "ApplicationExtensions").appendChild(loop);
            first = false;
        }
        metadata.setFromTree(FORMAT, root);
        writer.writeToSequence(new IIOImage(frame, null, metadata), null);
    }

    @Override
    public void close() throws IOException {
        try {
            writer.endWriteSequence();
        } finally {
            out.close();
            writer.dispose();
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
