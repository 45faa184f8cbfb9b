package dev.riskdesk.ui.profiles;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.customers.CustomerPage;
import dev.riskdesk.customers.CustomerPage.PageCursor;
import dev.riskdesk.customers.CustomerQuery;
import dev.riskdesk.customers.CustomerQuery.SortKey;
import dev.riskdesk.customers.CustomerRow;
import dev.riskdesk.customers.CustomerSearchService;
import dev.riskdesk.customers.PersonalDataService;
import dev.riskdesk.customers.PersonalDataService.Field;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The profile browser: one search text, filters and a sort, read {@link CustomerSearchService#PAGE_SIZE}
 * rows at a time by keyset paging. Changing anything starts a new search; an answer that arrives
 * after a newer request is dropped, so fast typing never shows stale rows. The view debounces
 * typing and calls {@link #search()}.
 */
public final class ProfilesViewModel {
    /** Thin-file filter choices. */
    public enum ThinFile { ANY, YES, NO }

    private final CustomerSearchService search;
    private final PersonalDataService personalData;
    private final Session session;
    private final TaskRunner tasks;

    private final ObservableList<CustomerRow> rows = FXCollections.observableArrayList();
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ObservableSet<AccountStatus> statuses = FXCollections.observableSet();
    private final ObservableSet<String> bands = FXCollections.observableSet();
    private final ObservableSet<Integer> cityTiers = FXCollections.observableSet();
    private final ObservableSet<String> buckets = FXCollections.observableSet();
    private final StringProperty ruleCode = new SimpleStringProperty(this, "ruleCode", "");
    private final ObjectProperty<ThinFile> thinFile = new SimpleObjectProperty<>(this, "thinFile", ThinFile.ANY);
    private final ObservableList<String> ruleCodes = FXCollections.observableArrayList("");
    private final ObjectProperty<SortKey> sortKey = new SimpleObjectProperty<>(this, "sortKey", SortKey.ACCOUNT);
    private final BooleanProperty descending = new SimpleBooleanProperty(this, "descending");

    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty hasMore = new SimpleBooleanProperty(this, "hasMore");
    private final LongProperty total = new SimpleLongProperty(this, "total", -1);
    private final BooleanProperty totalCapped = new SimpleBooleanProperty(this, "totalCapped");
    private final BooleanProperty counting = new SimpleBooleanProperty(this, "counting");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<CustomerQuery.TextKind> textKind = new SimpleObjectProperty<>(this, "textKind", CustomerQuery.TextKind.NONE);

    private CustomerQuery current;
    private PageCursor next;
    private int generation;
    private TaskRunner.Handle running;
    private TaskRunner.Handle countingTask;

    public ProfilesViewModel(CustomerSearchService search, PersonalDataService personalData, Session session, TaskRunner tasks) {
        this.search = search;
        this.personalData = personalData;
        this.session = session;
        this.tasks = tasks;
        // filters and sort apply at once; the text is debounced by the view
        statuses.addListener((javafx.collections.SetChangeListener<AccountStatus>) c -> search());
        bands.addListener((javafx.collections.SetChangeListener<String>) c -> search());
        cityTiers.addListener((javafx.collections.SetChangeListener<Integer>) c -> search());
        buckets.addListener((javafx.collections.SetChangeListener<String>) c -> search());
        ruleCode.addListener((obs, old, now) -> search());
        thinFile.addListener((obs, old, now) -> search());
    }

    public ObservableList<CustomerRow> rows() {
        return rows;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObservableSet<AccountStatus> statuses() {
        return statuses;
    }

    public ObservableSet<String> bands() {
        return bands;
    }

    public ObservableSet<Integer> cityTiers() {
        return cityTiers;
    }

    public ObservableSet<String> buckets() {
        return buckets;
    }

    public StringProperty ruleCodeProperty() {
        return ruleCode;
    }

    public ObjectProperty<ThinFile> thinFileProperty() {
        return thinFile;
    }

    public ObservableList<String> ruleCodes() {
        return ruleCodes;
    }

    public ReadOnlyBooleanProperty descendingProperty() {
        return descending;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore;
    }

    /**
     * Matches, capped at {@link CustomerSearchService#COUNT_CAP}; -1 until known. A broad search
     * shows its first rows first and its count a moment later ({@link #countingProperty()}).
     */
    public ReadOnlyLongProperty totalProperty() {
        return total;
    }

    public ReadOnlyBooleanProperty totalCappedProperty() {
        return totalCapped;
    }

    /** True while the matches of the rows shown are being counted. */
    public ReadOnlyBooleanProperty countingProperty() {
        return counting;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** How the current text is read (phone, ID number, name …), for the hint under the box. */
    public ReadOnlyObjectProperty<CustomerQuery.TextKind> textKindProperty() {
        return textKind;
    }

    /** Which personal-data fields this operator may reveal; agents never get the ID number. */
    public Set<Field> revealableFields() {
        Set<Field> fields = EnumSet.noneOf(Field.class);
        for (Field f : Field.values()) {
            if (PersonalDataService.mayReveal(session, f)) {
                fields.add(f);
            }
        }
        return fields;
    }

    public boolean mayReveal() {
        return !revealableFields().isEmpty();
    }

    /** The shortest reason a reveal accepts, in characters. */
    public int minRevealReasonLength() {
        return PersonalDataService.MIN_REASON_LENGTH;
    }

    /** True when {@code reason}, trimmed, is long enough for a reveal; the service checks it again. */
    public boolean revealReasonLongEnough(String reason) {
        return reason != null && reason.strip().length() >= PersonalDataService.MIN_REASON_LENGTH;
    }

    /** How many rows one page (and one "load more") reads. */
    public int pageSize() {
        return CustomerSearchService.PAGE_SIZE;
    }

    /** Loads the rule codes for the filter and runs the first search. */
    public void start() {
        tasks.submit(progress -> search.ruleCodes(session), codes -> {
            List<String> all = new ArrayList<>(List.of(""));
            all.addAll(codes);
            ruleCodes.setAll(all);
        }, failure -> error.set(ErrorTexts.of(failure)));
        search();
    }

    /** Sorts by {@code key} (the column the operator clicked) and searches again from the first page. */
    public void sortBy(SortKey key, boolean desc) {
        if (key == sortKey.get() && desc == descending.get()) {
            return;
        }
        sortKey.set(key);
        descending.set(desc);
        search();
    }

    public CustomerQuery query() {
        Boolean thin = switch (thinFile.get()) {
            case ANY -> null;
            case YES -> Boolean.TRUE;
            case NO -> Boolean.FALSE;
        };
        return new CustomerQuery(text.get(), Set.copyOf(statuses), Set.copyOf(bands),
                ruleCode.get() == null || ruleCode.get().isBlank() ? null : ruleCode.get(),
                Set.copyOf(cityTiers), Set.copyOf(buckets), thin, sortKey.get(), descending.get());
    }

    /** A new search from the first page; a request still running is abandoned. */
    public void search() {
        CustomerQuery query = query();
        int request = ++generation;
        if (running != null) {
            running.cancel(); // its answer is dropped; the query itself runs to its end (no interrupt)
        }
        if (countingTask != null) {
            countingTask.cancel(); // a count not yet started never runs
        }
        current = query;
        next = null;
        total.set(CustomerPage.NOT_COUNTED);
        counting.set(false);
        textKind.set(query.textKind());
        loading.set(true);
        running = tasks.submit(progress -> search.search(session, query), page -> {
            if (request != generation) {
                return;
            }
            rows.setAll(page.rows());
            total.set(page.total());
            totalCapped.set(page.totalCapped());
            accept(page);
            if (!page.counted()) {
                count(request, query);
            }
        }, failure -> fail(request, failure));
    }

    /** Counts the matches after the first rows are shown (counting a broad search costs more than its first page). */
    private void count(int request, CustomerQuery query) {
        counting.set(true);
        countingTask = tasks.submit(progress -> search.count(session, query), count -> {
            if (request != generation) {
                return;
            }
            counting.set(false);
            total.set(count.total());
            totalCapped.set(count.capped());
        }, failure -> {
            if (request == generation) {
                counting.set(false);
                fail(request, failure);
            }
        });
    }

    /** The next page, appended; nothing when one is loading or there is none. */
    public void loadMore() {
        if (loading.get() || next == null) {
            return;
        }
        int request = generation;
        CustomerQuery query = current;
        PageCursor cursor = next;
        loading.set(true);
        running = tasks.submit(progress -> search.next(session, query, cursor), page -> {
            if (request != generation) {
                return;
            }
            rows.addAll(page.rows());
            accept(page);
        }, failure -> fail(request, failure));
    }

    private void accept(CustomerPage page) {
        loading.set(false);
        error.set(null);
        next = page.next();
        hasMore.set(next != null);
    }

    private void fail(int request, Throwable failure) {
        if (request != generation) {
            return;
        }
        loading.set(false);
        error.set(ErrorTexts.of(failure));
    }

    /**
     * Reveals {@code fields} of the row's customer with the typed reason (audited by the service)
     * and shows the values in the row. {@code onDone} gets null on success or the error to show
     * in the dialog, which then stays open.
     */
    public void reveal(CustomerRow row, Set<Field> fields, String reason, Consumer<UiText> onDone) {
        tasks.submit(progress -> personalData.reveal(session, row.customerId(), fields, reason), values -> {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).customerId() == row.customerId()) {
                    rows.set(i, withRevealed(rows.get(i), values));
                }
            }
            onDone.accept(null);
        }, failure -> onDone.accept(ErrorTexts.of(failure)));
    }

    static CustomerRow withRevealed(CustomerRow r, Map<Field, String> values) {
        return new CustomerRow(r.accountId(), r.customerId(), r.accountNo(), r.customerNo(),
                values.getOrDefault(Field.NAME, r.maskedName()), values.getOrDefault(Field.PHONE, r.maskedPhone()),
                values.getOrDefault(Field.ID_NUMBER, r.maskedIdNumber()), r.city(), r.cityTier(), r.status(),
                r.creditLimit(), r.available(), r.balance(), r.daysPastDue(), r.delinquencyBucket(), r.score(),
                r.scoreBand(), r.thinFile());
    }
}
