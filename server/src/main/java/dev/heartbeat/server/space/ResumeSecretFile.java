package dev.heartbeat.server.space;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * The secret resume tokens are signed with, kept next to the recordings so that a restarted server
 * still honours the tokens it issued. Made on first start, readable by the server's user only.
 */
public final class ResumeSecretFile {
    public static final String NAME = ".resume-secret";

    private ResumeSecretFile() {}

    public static byte[] loadOrCreate(Path folder) throws IOException {
        Path file = folder.resolve(NAME);
        if (Files.exists(file)) return read(file);
        Files.createDirectories(folder);
        Path draft = Files.createTempFile(folder, NAME, ".new");
        try {
            try {
                Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions guard it
            }
            Files.writeString(draft, Base64.getEncoder().encodeToString(ResumeTokens.newSecret()) + "\n");
            try {
                Files.move(draft, file); // never replaces one that exists
            } catch (FileAlreadyExistsException e) {
                // another server on the same folder made one first: share it
            }
        } finally {
            Files.deleteIfExists(draft);
        }
        return read(file);
    }

    private static byte[] read(Path file) throws IOException {
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a resume secret (base64 of " + ResumeTokens.SECRET_BYTES + " bytes)", e);
        }
        if (secret.length < ResumeTokens.SECRET_BYTES) {
            throw new IOException(file + " holds " + secret.length + " bytes; a resume secret has " + ResumeTokens.SECRET_BYTES);
        }
        return secret;
    }
}
