package dev.heartbeat.server.record;

import dev.heartbeat.protocol.recording.RecordingWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The recordings folder and the ids of its files. An id is the file name without extension,
 * {@code <space>-<yyyyMMdd>T<HHmmss>Z[-n]}, e.g. {@code lobby-20261121T200000Z}; only names of
 * that shape are ever resolved, and only to regular files directly in the folder, so no id can
 * reach a path outside it.
 */
public final class RecordingFolder {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}-[0-9]{8}T[0-9]{6}Z(?:-[0-9]{1,4})?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path folder;

    public RecordingFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path path() {
        return folder;
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A file name for a new recording of {@code space} started at {@code start} that no file has yet. */
    Path newFile(String space, Instant start, boolean gzip) {
        String base = space + "-" + STAMP.format(start);
        String extension = gzip ? RecordingWriter.GZIP_EXTENSION : RecordingWriter.EXTENSION;
        for (int n = 1; n < 10_000; n++) {
            String id = n == 1 ? base : base + "-" + n;
            if (find(id).isEmpty()) return folder.resolve(id + extension);
        }
        throw new IllegalStateException("too many recordings of " + space + " in one second");
    }

    /** The file of a recording, if {@code id} is valid and such a file is in the folder. */
    public Optional<Path> find(String id) {
        if (!validId(id)) return Optional.empty();
        for (String extension : List.of(RecordingWriter.EXTENSION, RecordingWriter.GZIP_EXTENSION)) {
            Path file = folder.resolve(id + extension).normalize();
            // Belt and braces: the pattern already rules out separators and dots.
            if (!folder.equals(file.getParent())) return Optional.empty();
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return Optional.of(file);
        }
        return Optional.empty();
    }

    /** The id of a recording file, if its name is one. */
    public static Optional<String> idOf(Path file) {
        String name = file.getFileName().toString();
        String id;
        if (name.endsWith(RecordingWriter.GZIP_EXTENSION)) id = name.substring(0, name.length() - RecordingWriter.GZIP_EXTENSION.length());
        else if (name.endsWith(RecordingWriter.EXTENSION)) id = name.substring(0, name.length() - RecordingWriter.EXTENSION.length());
        else return Optional.empty();
        return validId(id) ? Optional.of(id) : Optional.empty();
    }

    /** Every recording file in the folder (regular files with a recording's name); none if it does not exist. */
    public List<Path> files() throws IOException {
        if (!Files.isDirectory(folder)) return List.of();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.filter(file -> idOf(file).isPresent() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
        }
        return files;
    }
}
