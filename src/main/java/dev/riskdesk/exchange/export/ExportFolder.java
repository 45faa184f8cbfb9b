package dev.riskdesk.exchange.export;

import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.exchange.BookKind;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The folder an export writes into. Every file is first written under a hidden temporary name in the
 * folder ({@code .customers.csv.123.part}) and renamed to its book name only when all files are
 * complete, so a killed or cancelled export never leaves a half file under a book name.
 */
final class ExportFolder {
    private final Path folder;
    private final Map<BookKind, Path> parts = new EnumMap<>(BookKind.class);

    private ExportFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * The folder, created if missing; refused when it is not a folder, or already holds book files and
     * {@code overwrite} is false.
     */
    static ExportFolder prepare(Path folder, boolean overwrite) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw UserFacingException.keyed("export.notFolder", folder + " is not a folder; choose a folder for the book files.", folder);
        }
        List<String> present = new ArrayList<>();
        for (BookKind kind : BookKind.values()) {
            if (Files.exists(folder.resolve(kind.fileName()))) {
                present.add(kind.fileName());
            }
        }
        if (!present.isEmpty() && !overwrite) {
            throw UserFacingException.keyed("export.folderHasBook", "The folder " + folder + " already holds book files ("
                    + String.join(", ", present) + "); choose an empty folder or use --overwrite to replace them.", folder, String.join(", ", present));
        }
        try {
            PrivateFiles.createFolder(folder); // the book's personal data: a new folder is its owner's only
        } catch (IOException e) {
            throw UserFacingException.keyed("export.folderCreate", "Cannot create the folder " + folder + ": " + Database.rootMessage(e), e, folder);
        }
        return new ExportFolder(folder);
    }

    Path path() {
        return folder;
    }

    /** A new temporary file for {@code kind}'s rows, in the folder itself so the final rename stays on one file system. */
    Path part(BookKind kind) throws IOException {
        Path part = Files.createTempFile(folder, "." + kind.fileName() + ".", ".part");
        parts.put(kind, part);
        return part;
    }

    /** Gives every written file its book name (replacing an older one). */
    void publish() throws IOException {
        for (Map.Entry<BookKind, Path> e : parts.entrySet()) {
            Path target = folder.resolve(e.getKey().fileName());
            try {
                Files.move(e.getValue(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException unsupported) {
                Files.move(e.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        parts.clear();
    }

    /** Removes the temporary files not yet published (after a cancel or a failure). */
    void discard() {
        for (Path part : parts.values()) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a leftover hidden .part file is never a book file; nothing more to do
            }
        }
        parts.clear();
    }
}
