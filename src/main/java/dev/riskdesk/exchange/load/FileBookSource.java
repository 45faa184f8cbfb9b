package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/** The request's files as a {@link BookSource}: checked by {@link LoadValidator} in the first pass, read by {@link BookFileReader} in the second. */
final class FileBookSource implements BookSource {
    private final LoadRequest request;
    private final BookFileReader reader = new BookFileReader();
    private LoadValidator validator;
    /** Each file's encoding as the check settled it. */
    private final Map<BookKind, Charset> settled = new EnumMap<>(BookKind.class);
    private Consumer<LoadProblem> problems = p -> { };

    private final CityTiers cities;

    FileBookSource(LoadRequest request, CityTiers cities) {
        this.request = request;
        this.cities = cities;
    }

    @Override
    public List<BookKind> kinds() {
        List<BookKind> kinds = new ArrayList<>();
        for (BookKind k : BookKind.values()) {
            if (request.files().containsKey(k)) {
                kinds.add(k);
            }
        }
        return kinds;
    }

    @Override
    public String fileName(BookKind kind) {
        return request.files().get(kind).getFileName().toString();
    }

    @Override
    public void beginCheck(DSLContext dsl, LocalDateTime asOf) {
        validator = new LoadValidator(asOf, DatabaseKnownKeys.read(dsl), cities, p -> problems.accept(p));
    }

    @Override
    public FileFacts check(BookKind kind, Consumer<BookRow> rows, Consumer<LoadProblem> sink) {
        problems = sink;
        FileReadResult r = validator.check(kind, request.files().get(kind), request.encoding(), rows);
        if (r.dialect() != null) {
            settled.put(kind, r.dialect().charset());
        }
        return new FileFacts(r.file(), r.sha256(), r.encodingLabel());
    }

    @Override
    public FileFacts read(BookKind kind, Consumer<BookRow> rows, Consumer<LoadProblem> problems) {
        // the check settled each file's encoding: the write pass reads each file once, not twice (a file changed
        // in between still fails, by its SHA-256)
        FileReadResult r = reader.read(kind, request.files().get(kind), settled.getOrDefault(kind, request.encoding()), rows::accept, problems);
        return new FileFacts(r.file(), r.sha256(), r.encodingLabel());
    }
}
