package dev.riskdesk.ui.overview;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.portfolio.PortfolioSummaryService;
import dev.riskdesk.portfolio.PortfolioSummaryService.Summary;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The overview's figures, loaded off the FX thread. */
public final class OverviewViewModel {
    private final PortfolioSummaryService service;
    private final TaskRunner tasks;
    private final ObjectProperty<Summary> summary = new SimpleObjectProperty<>(this, "summary");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");

    public OverviewViewModel(PortfolioSummaryService service, TaskRunner tasks) {
        this.service = service;
        this.tasks = tasks;
    }

    public ReadOnlyObjectProperty<Summary> summaryProperty() {
        return summary;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public void load() {
        if (loading.get()) {
            return;
        }
        loading.set(true);
        tasks.submit(progress -> service.summary(),
                result -> {
                    loading.set(false);
                    error.set(null);
                    summary.set(result);
                },
                failure -> {
                    loading.set(false);
                    error.set(ErrorTexts.of(failure));
                });
    }

    /** The account statuses in the order the breakdown lists them. */
    public static List<AccountStatus> accountStatuses() {
        return PortfolioSummaryService.ACCOUNT_STATUSES;
    }

    /** The delinquency buckets, current first, in the order the breakdown lists them. */
    public static List<String> delinquencyBuckets() {
        return PortfolioSummaryService.DELINQUENCY_BUCKETS;
    }

    /** Share of {@code part} in {@code whole}, 0 when the whole is 0. */
    public static double share(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
