package dev.riskdesk.ui.data;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.exchange.history.DataHistoryService;
import dev.riskdesk.exchange.history.DataHistoryService.History;
import dev.riskdesk.exchange.history.DataHistoryService.Load;
import dev.riskdesk.exchange.history.DataHistoryService.LoadFile;
import dev.riskdesk.portfolio.PortfolioSummaryService.FeedStatus;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Data screen: the feeds with their lag, the loads newest first, and the files of the load
 * selected. A reload keeps the selected load selected (by id) when it is still listed; an answer
 * that arrives after a newer reload is dropped.
 */
public final class DataViewModel {
    private final DataHistoryService service;
    private final ImportWizardModel.Importer importer;
    private final Session session;
    private final TaskRunner tasks;
    private final Runnable dataChanged;

    private final ObservableList<FeedStatus> feeds = FXCollections.observableArrayList();
    private final ObservableList<Load> loads = FXCollections.observableArrayList();
    private final ObservableList<LoadFile> files = FXCollections.observableArrayList();
    private final ObjectProperty<Load> selectedLoad = new SimpleObjectProperty<>(this, "selectedLoad");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private int generation;

    /** {@code importer} is what the import wizard calls. */
    public DataViewModel(DataHistoryService service, ImportWizardModel.Importer importer, Session session, TaskRunner tasks) {
        this(service, importer, session, tasks, () -> { });
    }

    /**
     * {@code importer} is what the import wizard calls; {@code dataChanged} runs (on the FX thread)
     * after an import wrote rows or was refused, for what else shows the data's state (the shell's
     * "data as of").
     */
    public DataViewModel(DataHistoryService service, ImportWizardModel.Importer importer, Session session, TaskRunner tasks,
            Runnable dataChanged) {
        this.service = service;
        this.importer = importer;
        this.session = session;
        this.tasks = tasks;
        this.dataChanged = dataChanged;
        selectedLoad.addListener((obs, old, now) -> files.setAll(now == null ? java.util.List.of() : now.files()));
    }

    public ObservableList<FeedStatus> feeds() {
        return feeds;
    }

    public ObservableList<Load> loads() {
        return loads;
    }

    /** The files of the selected load. */
    public ObservableList<LoadFile> files() {
        return files;
    }

    public ObjectProperty<Load> selectedLoadProperty() {
        return selectedLoad;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public Session session() {
        return session;
    }

    /** A new import wizard; a finished import reloads this screen and tells {@code dataChanged}. */
    public ImportWizardModel newImport() {
        return new ImportWizardModel(importer, session, tasks, () -> {
            reload();
            dataChanged.run();
        });
    }

    /** Reads the feeds and the loads again. */
    public void reload() {
        int request = ++generation;
        loading.set(true);
        tasks.submit(progress -> service.history(session), (History history) -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            error.set(null);
            show(history);
        }, failure -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    private void show(History history) {
        Load before = selectedLoad.get();
        feeds.setAll(history.feeds());
        loads.setAll(history.loads());
        Load again = before == null ? null : loads.stream().filter(l -> l.id() == before.id()).findFirst().orElse(null);
        selectedLoad.set(again != null ? again : loads.isEmpty() ? null : loads.get(0));
    }
}
