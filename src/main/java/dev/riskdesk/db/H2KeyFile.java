package dev.riskdesk.db;

import dev.riskdesk.common.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The random secret of one database file, kept beside it as {@code <name>.key} (0600 in a 0700
 * folder): the H2 user's password, so the file never opens with H2's well-known empty password
 * and a process of another OS user that reaches the AUTO_SERVER port cannot log in.
 */
final class H2KeyFile {
    static final String SUFFIX = ".key";
    private static final SecureRandom RANDOM = new SecureRandom();

    private H2KeyFile() {
    }

    static Path of(DatabaseLocation location) {
        return location.file().resolveSibling(location.file().getFileName() + SUFFIX);
    }

    /** The secret, if the key file exists. */
    static Optional<String> read(DatabaseLocation location) {
        Path file = of(location);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String secret = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (secret.isEmpty()) {
                throw new IllegalStateException("The key file " + file + " is empty");
            }
            return Optional.of(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The secret, created now when there is none. Two processes creating it at once agree: each writes a
     * private temporary file and links it to the key file's name, which only the first link gets.
     */
    static String readOrCreate(DatabaseLocation location) {
        Optional<String> existing = read(location);
        if (existing.isPresent()) {
            return existing.get();
        }
        Path file = of(location);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        try {
            Path temp = PrivateFiles.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(temp, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.createLink(file, temp);
                } catch (FileAlreadyExistsException another) {
                    // another process made it first: use its secret
                } catch (UnsupportedOperationException noLinks) {
                    Files.move(temp, file);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException another) {
            // another process made it first (file systems without links)
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key file " + file + ": " + e.getMessage(), e);
        }
        return read(location).orElseThrow();
    }
}
