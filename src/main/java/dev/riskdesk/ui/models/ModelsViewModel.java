package dev.riskdesk.ui.models;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.scoring.governance.ModelGovernanceService;
import dev.riskdesk.scoring.governance.PromotionRequest;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ModelSeat;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.scoring.model.StoredModel;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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

/**
 * The Models screen: every trained model with its out-of-time figures and which one holds each champion seat, the
 * promotion and rollback requests with who asked and why, and what a manager does: request a promotion or a rollback,
 * approve or decline another manager's request, withdraw their own. Risk operators read. Every read and step runs off
 * the FX thread; a refused step says why in one sentence and keeps the reason typed.
 */
public final class ModelsViewModel {
    /** One model as the registry shows it; AUC, KS and PSI are NaN where training did not record them. */
    public record ModelRow(long id, String name, dev.riskdesk.scoring.model.ModelKind kind, ModelStatus status, LocalDateTime trainedAt,
            double auc, double ks, double psi) {
        public ModelSeat seat() {
            return ModelSeat.of(kind);
        }

        public boolean champion() {
            return status == ModelStatus.CHAMPION;
        }

        static ModelRow of(StoredModel m) {
            var metrics = m.metrics();
            double auc = metrics == null ? Double.NaN : metrics.path("test").path("auc").asDouble(Double.NaN);
            double ks = metrics == null ? Double.NaN : metrics.path("test").path("ks").asDouble(Double.NaN);
            double psi = metrics == null ? Double.NaN : metrics.path("scorePsi").asDouble(Double.NaN);
            return new ModelRow(m.id(), m.name(), m.kind(), m.status(), m.trainedAt(), auc, ks, psi);
        }
    }

    private final Supplier<List<StoredModel>> registry;
    private final ModelGovernanceService governance;
    private final Session session;
    private final TaskRunner tasks;

    private final ObservableList<ModelRow> models = FXCollections.observableArrayList();
    private final ObservableList<PromotionRequest> requests = FXCollections.observableArrayList();
    private final ObjectProperty<ModelRow> selectedModel = new SimpleObjectProperty<>(this, "selectedModel");
    private final ObjectProperty<PromotionRequest> selectedRequest = new SimpleObjectProperty<>(this, "selectedRequest");
    private final ObjectProperty<ModelRow> fileChampion = new SimpleObjectProperty<>(this, "fileChampion");
    private final ObjectProperty<ModelRow> thinFileChampion = new SimpleObjectProperty<>(this, "thinFileChampion");
    private final StringProperty reason = new SimpleStringProperty(this, "reason", "");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> message = new SimpleObjectProperty<>(this, "message");
    private int generation;

    public ModelsViewModel(ModelRepository registry, ModelGovernanceService governance, Session session, TaskRunner tasks) {
        this(registry::list, governance, session, tasks);
    }

    ModelsViewModel(Supplier<List<StoredModel>> registry, ModelGovernanceService governance, Session session, TaskRunner tasks) {
        this.registry = registry;
        this.governance = governance;
        this.session = session;
        this.tasks = tasks;
    }

    public ObservableList<ModelRow> models() {
        return models;
    }

    /** Every request, newest first. */
    public ObservableList<PromotionRequest> requests() {
        return requests;
    }

    public ObjectProperty<ModelRow> selectedModelProperty() {
        return selectedModel;
    }

    public ObjectProperty<PromotionRequest> selectedRequestProperty() {
        return selectedRequest;
    }

    /** The champion for accounts with a file, or null. */
    public ReadOnlyObjectProperty<ModelRow> fileChampionProperty() {
        return fileChampion;
    }

    /** The champion for thin files, or null. */
    public ReadOnlyObjectProperty<ModelRow> thinFileChampionProperty() {
        return thinFileChampion;
    }

    /** The reason of a request or of a decline, as typed. */
    public StringProperty reasonProperty() {
        return reason;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public ReadOnlyObjectProperty<UiText> messageProperty() {
        return message;
    }

    public TextLimit reasonLimit() {
        return TextLimit.PROMOTE_REASON;
    }

    /** Managers ask for promotions and rollbacks. */
    public boolean mayRequest() {
        return session.has(Permission.MODEL_PROMOTE);
    }

    /** Managers decide other managers' requests. */
    public boolean mayDecide() {
        return session.has(Permission.MODEL_APPROVE);
    }

    /** A model that may be champion, is not, has no waiting request, and a reason. */
    public BooleanBinding canRequestPromotion() {
        return Bindings.createBooleanBinding(() -> {
            ModelRow m = selectedModel.get();
            return mayRequest() && !busy.get() && m != null && m.kind().promotable() && !m.champion() && waitingFor(m.id()) == null && reasonGiven();
        }, selectedModel, reason, busy, requests);
    }

    /** The selected model is a champion whose seat may go back to its previous champion, and a reason is typed. */
    public BooleanBinding canRollback() {
        return Bindings.createBooleanBinding(() -> mayRequest() && !busy.get() && selectedModel.get() != null && selectedModel.get().champion() && reasonGiven(),
                selectedModel, reason, busy);
    }

    /** A waiting request another manager made. */
    public BooleanBinding canApprove() {
        return Bindings.createBooleanBinding(() -> mayDecide() && !busy.get() && othersWaiting(), selectedRequest, busy);
    }

    /** A waiting request another manager made, and a reason. */
    public BooleanBinding canDecline() {
        return Bindings.createBooleanBinding(() -> mayDecide() && !busy.get() && othersWaiting() && reasonGiven(), selectedRequest, reason, busy);
    }

    /** The manager's own waiting request. */
    public BooleanBinding canWithdraw() {
        return Bindings.createBooleanBinding(() -> mayRequest() && !busy.get() && ownWaiting(), selectedRequest, busy);
    }

    /** The selected request is this manager's own and waits: another manager decides it. */
    public BooleanBinding ownRequest() {
        return Bindings.createBooleanBinding(() -> mayDecide() && ownWaiting(), selectedRequest);
    }

    private boolean othersWaiting() {
        PromotionRequest r = selectedRequest.get();
        return r != null && r.pending() && !r.requestedBy(session.operatorId());
    }

    private boolean ownWaiting() {
        PromotionRequest r = selectedRequest.get();
        return r != null && r.pending() && r.requestedBy(session.operatorId());
    }

    /** The waiting request of model {@code modelId}, or null. */
    public PromotionRequest waitingFor(long modelId) {
        return requests.stream().filter(r -> r.pending() && r.modelId() == modelId).findFirst().orElse(null);
    }

    /** The model {@code id} as listed, or null. */
    public ModelRow model(Long id) {
        return id == null ? null : models.stream().filter(m -> m.id() == id).findFirst().orElse(null);
    }

    private boolean reasonGiven() {
        String text = reason.get() == null ? "" : reason.get().strip();
        return !text.isEmpty() && TextLimit.PROMOTE_REASON.fits(text);
    }

    /** Reads the registry and the requests; an answer that arrives after a newer request is dropped. */
    public void reload() {
        error.set(null);
        fetch();
    }

    private void fetch() {
        int request = ++generation;
        loading.set(true);
        tasks.submit(progress -> new Loaded(registry.get().stream().map(ModelRow::of).toList(), governance.requests(session)), loaded -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            Long keepModel = selectedModel.get() == null ? null : selectedModel.get().id();
            Long keepRequest = selectedRequest.get() == null ? null : selectedRequest.get().id();
            models.setAll(loaded.models());
            requests.setAll(loaded.requests());
            fileChampion.set(champion(ModelSeat.FILE));
            thinFileChampion.set(champion(ModelSeat.THIN_FILE));
            selectedModel.set(model(keepModel));
            selectedRequest.set(keepRequest == null ? null : requests.stream().filter(r -> r.id() == keepRequest).findFirst().orElse(null));
        }, failure -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    private ModelRow champion(ModelSeat seat) {
        return models.stream().filter(m -> m.champion() && m.seat() == seat).findFirst().orElse(null);
    }

    private record Loaded(List<ModelRow> models, List<PromotionRequest> requests) {
    }

    /** Asks for the selected model to become champion (at once when its seat never had one). */
    public void requestPromotion() {
        ModelRow m = selectedModel.get();
        String text = reason.get();
        step(() -> governance.requestPromotion(session, m.id(), text),
                r -> r.pending() ? UiText.of("models.done.requested", m.id(), r.id()) : UiText.of("models.done.first", m.id()));
    }

    /** Asks for the selected champion's seat to go back to its previous champion. */
    public void requestRollback() {
        ModelRow m = selectedModel.get();
        String text = reason.get();
        step(() -> governance.requestRollback(session, m.seat(), text), r -> UiText.of("models.done.rollbackRequested", r.modelId(), r.id()));
    }

    /** Approves the selected request; {@code outcome} gets null when it is done, or the refusal in words. */
    public void approve(java.util.function.Consumer<UiText> outcome) {
        PromotionRequest r = selectedRequest.get();
        step(() -> governance.approve(session, r.id()), done -> UiText.of("models.done.approved", done.id(), done.modelId()), outcome);
    }

    public void decline() {
        PromotionRequest r = selectedRequest.get();
        String text = reason.get();
        step(() -> governance.decline(session, r.id(), text), done -> UiText.of("models.done.declined", done.id()));
    }

    public void withdraw() {
        PromotionRequest r = selectedRequest.get();
        step(() -> governance.withdraw(session, r.id()), done -> UiText.of("models.done.withdrawn", done.id()));
    }

    /** Runs a step in the background; done, the reason is cleared and the lists reloaded; refused, the sentence is shown and the reason kept. */
    private void step(Supplier<PromotionRequest> step, java.util.function.Function<PromotionRequest, UiText> done) {
        step(step, done, refusal -> { });
    }

    private void step(Supplier<PromotionRequest> step, java.util.function.Function<PromotionRequest, UiText> done,
            java.util.function.Consumer<UiText> outcome) {
        busy.set(true);
        message.set(null);
        error.set(null);
        tasks.submit(progress -> step.get(), result -> {
            busy.set(false);
            message.set(done.apply(result));
            reason.set("");
            selectedRequest.set(null);
            outcome.accept(null);
            fetch();
        }, failure -> {
            busy.set(false);
            error.set(ErrorTexts.of(failure));
            outcome.accept(error.get());
            fetch(); // a request decided by someone else meanwhile is shown as it is now
        });
    }
}
