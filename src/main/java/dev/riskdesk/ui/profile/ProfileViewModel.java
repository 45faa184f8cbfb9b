package dev.riskdesk.ui.profile;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.customers.CustomerProfile.Lane;
import dev.riskdesk.customers.CustomerProfile.TimelineEvent;
import dev.riskdesk.customers.CustomerProfile.Transaction;
import dev.riskdesk.customers.CustomerProfileService;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * One customer's profile. Loads everything off the FX thread in one read; the timeline and the
 * transaction list are filtered here so that the view only binds.
 */
public final class ProfileViewModel {
    /** How far back the timeline looks. */
    public enum Period {
        MONTHS_6(6), MONTHS_12(12), MONTHS_24(24), ALL(0);

        final int months;

        Period(int months) {
            this.months = months;
        }
    }

    private final CustomerProfileService service;
    private final Session session;
    private final TaskRunner tasks;
    private final Clock clock;
    private final long accountId;

    private final ObjectProperty<CustomerProfile> profile = new SimpleObjectProperty<>(this, "profile");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");

    private final ObservableSet<Lane> lanes = FXCollections.observableSet(EnumSet.allOf(Lane.class));
    private final ObjectProperty<Period> period = new SimpleObjectProperty<>(this, "period", Period.MONTHS_24);
    private final ObservableList<TimelineEvent> timeline = FXCollections.observableArrayList();

    private final ObservableList<String> categories = FXCollections.observableArrayList("");
    private final StringProperty category = new SimpleStringProperty(this, "category", "");
    private final StringProperty minAmount = new SimpleStringProperty(this, "minAmount", "");
    private final StringProperty maxAmount = new SimpleStringProperty(this, "maxAmount", "");
    private final ObservableList<Transaction> transactions = FXCollections.observableArrayList();
    private final BooleanProperty amountInvalid = new SimpleBooleanProperty(this, "amountInvalid");

    public ProfileViewModel(CustomerProfileService service, Session session, TaskRunner tasks, Clock clock, long accountId) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
        this.clock = clock;
        this.accountId = accountId;
        lanes.addListener((SetChangeListener<Lane>) c -> filterTimeline());
        period.addListener((obs, old, now) -> filterTimeline());
        category.addListener((obs, old, now) -> filterTransactions());
        minAmount.addListener((obs, old, now) -> filterTransactions());
        maxAmount.addListener((obs, old, now) -> filterTransactions());
    }

    public long accountId() {
        return accountId;
    }

    public ReadOnlyObjectProperty<CustomerProfile> profileProperty() {
        return profile;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public ObservableSet<Lane> lanes() {
        return lanes;
    }

    public ObjectProperty<Period> periodProperty() {
        return period;
    }

    /** The timeline events that pass the lane and period filters, oldest first. */
    public ObservableList<TimelineEvent> timeline() {
        return timeline;
    }

    /** The start of the shown period (null: everything). */
    public LocalDateTime periodStart() {
        return period.get() == Period.ALL ? null : LocalDateTime.now(clock).minusMonths(period.get().months);
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    public ObservableList<String> categories() {
        return categories;
    }

    public StringProperty categoryProperty() {
        return category;
    }

    public StringProperty minAmountProperty() {
        return minAmount;
    }

    public StringProperty maxAmountProperty() {
        return maxAmount;
    }

    /** True while an amount filter is not a number; the list then ignores it. */
    public ReadOnlyBooleanProperty amountInvalidProperty() {
        return amountInvalid;
    }

    public ObservableList<Transaction> transactions() {
        return transactions;
    }

    public void load() {
        loading.set(true);
        tasks.submit(progress -> service.profile(session, accountId), loaded -> {
            loading.set(false);
            error.set(null);
            profile.set(loaded);
            TreeSet<String> names = new TreeSet<>();
            loaded.transactions().forEach(t -> names.add(t.category()));
            List<String> all = new ArrayList<>(List.of(""));
            all.addAll(names);
            categories.setAll(all);
            filterTimeline();
            filterTransactions();
        }, failure -> {
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    private void filterTimeline() {
        CustomerProfile p = profile.get();
        if (p == null) {
            timeline.clear();
            return;
        }
        LocalDateTime from = periodStart();
        timeline.setAll(p.timeline().stream()
                .filter(e -> lanes.contains(e.lane()))
                .filter(e -> from == null || !e.at().isBefore(from))
                .toList());
    }

    private void filterTransactions() {
        CustomerProfile p = profile.get();
        if (p == null) {
            transactions.clear();
            return;
        }
        BigDecimal min = amount(minAmount.get());
        BigDecimal max = amount(maxAmount.get());
        amountInvalid.set(min == INVALID || max == INVALID);
        String cat = category.get();
        transactions.setAll(p.transactions().stream()
                .filter(t -> cat == null || cat.isEmpty() || cat.equals(t.category()))
                .filter(t -> min == null || min == INVALID || t.amount().compareTo(min) >= 0)
                .filter(t -> max == null || max == INVALID || t.amount().compareTo(max) <= 0)
                .toList());
    }

    private static final BigDecimal INVALID = new BigDecimal("-1");

    /** A typed amount ("1,200" or "1200.50"); null when empty, {@link #INVALID} when not a number. */
    static BigDecimal amount(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip().replace(",", "").replace("¥", ""));
            return value.signum() < 0 ? INVALID : value;
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }
}
