package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/** The request's files as a {@link BookSource}: checked by {@link LoadValidator} in the first pass, read by {@link BookFileReader} in the second. */
final class FileBookSource implements BookSource {
    private final LoadRequest request;
    private final BookFileReader reader = new BookFileReader();
    private LoadValidator validator;
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
        return new FileFacts(r.file(), r.sha256(), r.encodingLabel());
    }

    @Override
    public FileFacts read(BookKind kind, Consumer<BookRow> rows, Consumer<LoadProblem> problems) {
        FileReadResult r = reader.read(kind, request.files().get(kind), request.encoding(), rows::accept, problems);
        return new FileFacts(r.file(), r.sha256(), r.encodingLabel());
    }
}
