package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The book files a folder holds: each kind whose file ({@link BookKind#fileName()}) is there. */
public final class BookFolder {
    private BookFolder() {
    }

    /** The files of the folder by kind, in load order; empty when it holds none. */
    public static Map<BookKind, Path> files(Path folder) {
        Map<BookKind, Path> files = new EnumMap<>(BookKind.class);
        for (BookKind k : BookKind.values()) {
            Path f = folder.resolve(k.fileName());
            if (Files.isRegularFile(f)) {
                files.put(k, f);
            }
        }
        return files;
    }

    /** The name a load records for the folder: its own name only, never the path above it. */
    public static String sourceName(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }
}
