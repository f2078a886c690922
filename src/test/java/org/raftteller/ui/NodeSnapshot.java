package org.raftteller.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/**
 * Writes a node as a PNG. javafx-swing (SwingFXUtils) is not a dependency, so the pixels are
 * copied from the snapshot into an AWT image by hand.
 */
final class NodeSnapshot {

    private NodeSnapshot() {
    }

    static void writePng(Node node, Path file) throws IOException {
        WritableImage image = Fx.get(() -> node.snapshot(null, null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(out, "png", file.toFile());
    }
}
