package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The request's files as a {@link BookSource}, each read by {@link BookFileReader}. */
final class FileBookSource implements BookSource {
    private final LoadRequest request;
    private final BookFileReader reader = new BookFileReader();

    FileBookSource(LoadRequest request) {
        this.request = request;
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
    public FileFacts read(BookKind kind, Consumer<BookRow> rows, Consumer<LoadProblem> problems) {
        FileReadResult r = reader.read(kind, request.files().get(kind), request.encoding(), rows::accept, problems);
        return new FileFacts(r.file(), r.sha256(), r.encodingLabel());
    }
}
