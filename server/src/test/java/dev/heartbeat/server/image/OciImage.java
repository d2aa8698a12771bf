package dev.heartbeat.server.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** An OCI image layout tar, as {@code jib:buildTar} writes it: index, manifest, config, gzip layers. */
final class OciImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, byte[]> files = new HashMap<>();
    private final JsonNode manifest;
    final JsonNode config;

    OciImage(Path tar) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isFile()) files.put(entry.getName(), in.readAllBytes());
            }
        }
        JsonNode index = json("index.json");
        this.manifest = blob(index.get("manifests").get(0).get("digest").asText());
        this.config = blob(manifest.get("config").get("digest").asText());
    }

    private JsonNode json(String name) throws IOException {
        byte[] bytes = files.get(name);
        if (bytes == null) throw new IOException("no " + name + " in the image tar; it has " + files.keySet());
        return JSON.readTree(bytes);
    }

    private JsonNode blob(String digest) throws IOException {
        return json("blobs/" + digest.replace(':', '/'));
    }

    String layerMediaType(int layer) {
        return manifest.get("layers").get(layer).get("mediaType").asText();
    }

    /** Every path in the image's layers (without the leading slash) and its mode, later layers winning. */
    Map<String, Integer> paths() throws IOException {
        Map<String, Integer> paths = new LinkedHashMap<>();
        for (InputStream layer : layers()) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(layer))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    paths.put(entry.getName().replaceAll("/$", ""), entry.getMode() & 07777);
                }
            }
        }
        return paths;
    }

    /** Unpacks the layers in order into {@code root}, with their modes, as a container runtime would. */
    void unpack(Path root) throws IOException {
        for (InputStream layer : layers()) {
            try (TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(layer))) {
                for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) throw new IOException("a layer entry points outside the root: " + entry.getName());
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                        continue;
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                }
            }
        }
    }

    private List<InputStream> layers() {
        List<InputStream> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            layers.add(new ByteArrayInputStream(files.get("blobs/" + layer.get("digest").asText().replace(':', '/'))));
        }
        return layers;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int bit = 0; bit < 9; bit++) if ((mode & (1 << (8 - bit))) != 0) set.add(order[bit]);
        return set;
    }
}
