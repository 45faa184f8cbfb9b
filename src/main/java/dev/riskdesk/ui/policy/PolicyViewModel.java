package dev.riskdesk.ui.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.limits.versions.JsonLeaves;
import dev.riskdesk.limits.versions.PolicyDiff;
import dev.riskdesk.limits.versions.PolicyDocument;
import dev.riskdesk.limits.versions.PolicyFieldException;
import dev.riskdesk.limits.versions.PolicyFields;
import dev.riskdesk.limits.versions.PolicyImpact;
import dev.riskdesk.limits.versions.PolicyKind;
import dev.riskdesk.limits.versions.PolicyVersionService;
import dev.riskdesk.limits.versions.VersionRow;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.RunProgress;
import dev.riskdesk.ui.common.UiText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import javafx.collections.ObservableMap;

/**
 * The Policy screen: the versions of the limit policy or the rule set with who made, approved and activated them; the
 * selected version's fields as a form (editable when it is the operator's own draft, each field checked as it is typed
 * against the limits it accepts); its differences to the active version, parameters and, simulated on the book with
 * progress and cancel, decisions by score band; and the maker-checker steps: draft from the active version, save,
 * submit, approve or send back with a reason (another manager), withdraw, activate, roll back. Every step goes through
 * {@link PolicyVersionService}, which checks the permission and audits; every read, write and simulation runs off the
 * FX thread, and a refused step says why in one sentence.
 */
public final class PolicyViewModel {
    /**
     * One field of the form: its path in the version's form tree, its stored value, its range when it has one, and the
     * codes it takes when it takes codes (the form offers them in words, with the codes already stored first).
     */
    public record Field(String path, JsonNode original, Optional<PolicyFields.Range> range, Optional<PolicyFields.Choices> choices) {
        /** A yes-or-no field: a check box. */
        public boolean isSwitch() {
            return original.isBoolean();
        }

        /** The stored value as the form shows it for typing. */
        public String originalText() {
            return original.isBoolean() ? String.valueOf(original.asBoolean()) : original.isArray() ? listText(original) : JsonLeaves.text(original);
        }

        private static String listText(JsonNode array) {
            StringBuilder b = new StringBuilder();
            for (JsonNode n : array) {
                b.append(b.length() == 0 ? "" : ", ").append(n.isTextual() ? n.asText() : n.toString());
            }
            return b.toString();
        }
    }

    private final PolicyVersionService versions;
    private final PolicyImpact impact;
    private final Session session;
    private final TaskRunner tasks;

    private final ObjectProperty<PolicyKind> kind = new SimpleObjectProperty<>(this, "kind", PolicyKind.LIMIT_POLICY);
    private final ObservableList<VersionRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<VersionRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<PolicyDocument> document = new SimpleObjectProperty<>(this, "document");
    private final ObservableList<Field> fields = FXCollections.observableArrayList();
    private final Map<String, StringProperty> typed = new LinkedHashMap<>();
    private final ObservableMap<String, PolicyFields.FieldError> fieldErrors = FXCollections.observableHashMap();
    private final BooleanProperty dirty = new SimpleBooleanProperty(this, "dirty");
    private final ObjectProperty<PolicyDiff> diff = new SimpleObjectProperty<>(this, "diff");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private final BooleanProperty simulating = new SimpleBooleanProperty(this, "simulating");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final ObjectProperty<UiText> message = new SimpleObjectProperty<>(this, "message");
    private RunProgress simulation;
    private TaskRunner.Handle simulationHandle;
    private int generation;
    private int documentGeneration;

    public PolicyViewModel(PolicyVersionService versions, PolicyImpact impact, Session session, TaskRunner tasks) {
        this.versions = versions;
        this.impact = impact;
        this.session = session;
        this.tasks = tasks;
        kind.addListener((obs, old, now) -> {
            selected.set(null);
            reload();
        });
        selected.addListener((obs, old, now) -> {
            if (now == null || old == null || now.id() != old.id() || now.status() != old.status()) {
                loadDocument();
            }
        });
    }

    public ObjectProperty<PolicyKind> kindProperty() {
        return kind;
    }

    /** The versions of the kind shown, newest first. */
    public ObservableList<VersionRow> rows() {
        return rows;
    }

    public ObjectProperty<VersionRow> selectedProperty() {
        return selected;
    }

    /** The selected version's fields in document order. */
    public ObservableList<Field> fields() {
        return fields;
    }

    /** What is typed in the field at {@code path} (its stored value until edited). */
    public StringProperty value(String path) {
        return typed.get(path);
    }

    /** The fields whose typed value is refused, by path. */
    public ObservableMap<String, PolicyFields.FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** Some field differs from the stored version. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    /** The selected version against the active one; its decisions once simulated. */
    public ReadOnlyObjectProperty<PolicyDiff> diffProperty() {
        return diff;
    }

    /** The note of a new draft, or the reason of a send-back, as typed. */
    public StringProperty noteProperty() {
        return note;
    }

    public TextLimit noteLimit() {
        return TextLimit.POLICY_NOTE;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** A step is being written. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty simulatingProperty() {
        return simulating;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** What the last step did. */
    public ReadOnlyObjectProperty<UiText> messageProperty() {
        return message;
    }

    /** Makes, edits, submits and withdraws drafts of the kind shown. */
    public boolean mayEdit() {
        return session.has(kind.get().editPermission());
    }

    /** Approves, sends back and activates. */
    public boolean mayApprove() {
        return session.has(Permission.POLICY_APPROVE);
    }

    private boolean status(VersionStatus status) {
        return selected.get() != null && selected.get().status() == status;
    }

    private boolean mine() {
        return selected.get() != null && selected.get().madeBy(session.operatorId());
    }

    private BooleanBinding when(Supplier<Boolean> condition) {
        return Bindings.createBooleanBinding(() -> !busy.get() && !loading.get() && condition.get(), selected, busy, loading, dirty, note, fieldErrors, kind);
    }

    /**
     * The selected version is in one of {@code statuses} and (unless {@code mine} is null) is or is not the operator's
     * own: which steps the screen offers for it at all (whether each may be taken now is its can… binding).
     */
    public BooleanBinding selectedIs(Boolean mine, VersionStatus... statuses) {
        return Bindings.createBooleanBinding(() -> {
            if (selected.get() == null || (mine != null && mine() != mine)) {
                return false;
            }
            for (VersionStatus s : statuses) {
                if (status(s)) {
                    return true;
                }
            }
            return false;
        }, selected);
    }

    /** The form takes typing: the operator's own draft. */
    public BooleanBinding editable() {
        return when(() -> mayEdit() && status(VersionStatus.DRAFT) && mine());
    }

    public BooleanBinding canDraft() {
        return when(() -> mayEdit() && noteFits());
    }

    public BooleanBinding canSave() {
        return when(() -> mayEdit() && status(VersionStatus.DRAFT) && mine() && dirty.get() && fieldErrors.isEmpty());
    }

    public BooleanBinding canSubmit() {
        return when(() -> mayEdit() && status(VersionStatus.DRAFT) && mine() && !dirty.get());
    }

    public BooleanBinding canWithdraw() {
        return when(() -> mayEdit() && (status(VersionStatus.DRAFT) || status(VersionStatus.SUBMITTED)) && mine());
    }

    /** Approve: a submitted version someone else made. */
    public BooleanBinding canApprove() {
        return when(() -> mayApprove() && status(VersionStatus.SUBMITTED) && !mine());
    }

    /** Send back: as approve, with a reason that fits. */
    public BooleanBinding canSendBack() {
        return when(() -> mayApprove() && status(VersionStatus.SUBMITTED) && !mine() && reasonGiven());
    }

    public BooleanBinding canActivate() {
        return when(() -> mayApprove() && status(VersionStatus.APPROVED));
    }

    /** Roll back: restore a retired version (a draft of it, submitted for another manager's approval). */
    public BooleanBinding canRollback() {
        return when(() -> mayEdit() && status(VersionStatus.RETIRED));
    }

    /** The selected version can be compared with the active one. */
    public BooleanBinding canCompare() {
        return Bindings.createBooleanBinding(() -> !simulating.get() && selected.get() != null && selected.get().status() != VersionStatus.ACTIVE,
                selected, simulating);
    }

    private boolean noteFits() {
        return TextLimit.POLICY_NOTE.fits(note.get());
    }

    private boolean reasonGiven() {
        return note.get() != null && !note.get().isBlank() && noteFits();
    }

    /** Reads the versions of the kind shown; the selection follows its version, else the newest open one, else the active one. */
    public void reload() {
        error.set(null);
        fetch(selected.get() == null ? null : selected.get().versionNo());
    }

    private void fetch(Integer keep) {
        int request = ++generation;
        PolicyKind k = kind.get();
        loading.set(true);
        tasks.submit(progress -> versions.list(session, k), list -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            rows.setAll(list);
            VersionRow pick = list.stream().filter(v -> keep != null && v.versionNo() == keep).findFirst()
                    .or(() -> list.stream().filter(v -> v.status() == VersionStatus.DRAFT || v.status() == VersionStatus.SUBMITTED
                            || v.status() == VersionStatus.APPROVED).findFirst())
                    .or(() -> list.stream().filter(v -> v.status() == VersionStatus.ACTIVE).findFirst())
                    .orElse(null);
            selected.set(pick);
        }, failure -> {
            if (request != generation) {
                return;
            }
            loading.set(false);
            error.set(explain(failure));
        });
    }

    /** Reads the selected version's content into the form and compares its parameters with the active version. */
    private void loadDocument() {
        int request = ++documentGeneration;
        cancelSimulation();
        diff.set(null);
        VersionRow v = selected.get();
        if (v == null) {
            setDocument(null);
            return;
        }
        PolicyKind k = v.kind();
        tasks.submit(progress -> new Loaded(versions.document(session, k, v.versionNo()),
                v.status() == VersionStatus.ACTIVE ? null : impact.diff(session, k, v.versionNo(), null, false, progress)), loaded -> {
                    if (request == documentGeneration) {
                        setDocument(loaded.document());
                        diff.set(loaded.diff());
                    }
                }, failure -> {
                    if (request == documentGeneration) {
                        error.set(explain(failure));
                    }
                });
    }

    private record Loaded(PolicyDocument document, PolicyDiff diff) {
    }

    /** The codes the field offers: for a list, those stored first (a policy may name an attribute the list does not know), then the others. */
    private static Optional<PolicyFields.Choices> offered(PolicyKind kind, String path, JsonNode value) {
        return PolicyFields.choices(kind, path).map(c -> {
            java.util.LinkedHashSet<String> codes = new java.util.LinkedHashSet<>();
            if (value.isArray()) {
                value.forEach(n -> codes.add(n.asText()));
            }
            codes.addAll(c.codes());
            return new PolicyFields.Choices(List.copyOf(codes), c.many());
        });
    }

    /**
     * A refused step in one sentence in the operator's language: a refused field named as the form labels it, with its
     * value in the field's unit; a version's status, the step refused and the kind of version in words, not codes.
     */
    static UiText explain(Throwable failure) {
        if (failure instanceof PolicyFieldException e) {
            return PolicyFieldTexts.refused(e.error());
        }
        if (failure instanceof dev.riskdesk.common.UserFacingException e && e.messageKey() != null) {
            Object[] args = e.arguments();
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof VersionStatus status) {
                    args[i] = UiText.of("policy.status." + status.name());
                } else if (args[i] instanceof PolicyVersionService.Step step) {
                    args[i] = UiText.of("policy.refusedStep." + step.name());
                } else if (args[i] instanceof PolicyKind kind) {
                    args[i] = UiText.of("policy.kindName." + kind.name());
                } else if (args[i] == null && e.messageKey().equals("policy.version.notMaker")) {
                    args[i] = UiText.of("policy.who.setUp");
                }
            }
            return UiText.of("error." + e.messageKey(), args);
        }
        return ErrorTexts.of(failure);
    }

    private void setDocument(PolicyDocument doc) {
        document.set(doc);
        typed.clear();
        fieldErrors.clear();
        dirty.set(false);
        if (doc == null) {
            fields.clear();
            return;
        }
        PolicyKind k = doc.kind();
        List<Field> list = JsonLeaves.of(doc.formTree()).entrySet().stream()
                .map(e -> new Field(e.getKey(), e.getValue(), PolicyFields.range(k, e.getKey()), offered(k, e.getKey(), e.getValue()))).toList();
        for (Field f : list) {
            StringProperty p = new SimpleStringProperty(this, f.path(), f.originalText());
            p.addListener((obs, old, now) -> check(f, now));
            typed.put(f.path(), p);
        }
        fields.setAll(list);
    }

    /** Checks one typed field against its kind and range as it is typed. */
    private void check(Field f, String text) {
        if (f.originalText().equals(text)) {
            fieldErrors.remove(f.path());
        } else {
            PolicyFields.Parsed parsed = PolicyFields.parse(document.get().kind(), f.path(), f.original(), text);
            if (parsed.ok()) {
                fieldErrors.remove(f.path());
            } else {
                fieldErrors.put(f.path(), parsed.error());
            }
        }
        dirty.set(fields.stream().anyMatch(x -> !x.originalText().equals(typed.get(x.path()).get())));
    }

    /** Puts every field back to its stored value. */
    public void discard() {
        fields.forEach(f -> typed.get(f.path()).set(f.originalText()));
    }

    /** A new draft from the active version, with the note typed; the draft is selected for editing. */
    public void newDraft() {
        PolicyKind k = kind.get();
        String text = note.get();
        step(() -> versions.draft(session, k, null, null, text), v -> UiText.of("policy.done.drafted", v.versionNo()), true);
    }

    /** Stores the typed fields in the selected draft, checked together (the score bands' order, the weights' sum). */
    public void save() {
        VersionRow v = selected.get();
        PolicyDocument doc = document.get();
        Map<String, JsonNode> changes = new LinkedHashMap<>();
        for (Field f : fields) {
            String text = typed.get(f.path()).get();
            if (!f.originalText().equals(text)) {
                PolicyFields.Parsed parsed = PolicyFields.parse(doc.kind(), f.path(), f.original(), text);
                if (!parsed.ok()) {
                    fieldErrors.put(f.path(), parsed.error());
                    return;
                }
                changes.put(f.path(), parsed.value());
            }
        }
        step(() -> versions.edit(session, v.kind(), v.versionNo(), doc.with(changes)), r -> UiText.of("policy.done.saved", r.versionNo()), false);
    }

    public void submit() {
        VersionRow v = selected.get();
        step(() -> versions.submit(session, v.kind(), v.versionNo()), r -> UiText.of("policy.done.submitted", r.versionNo()), false);
    }

    public void approve() {
        VersionRow v = selected.get();
        step(() -> versions.approve(session, v.kind(), v.versionNo()), r -> UiText.of("policy.done.approved", r.versionNo()), false);
    }

    public void sendBack() {
        VersionRow v = selected.get();
        String reason = note.get();
        step(() -> versions.sendBack(session, v.kind(), v.versionNo(), reason), r -> UiText.of("policy.done.sentBack", r.versionNo()), true);
    }

    public void withdraw() {
        VersionRow v = selected.get();
        step(() -> versions.withdraw(session, v.kind(), v.versionNo()), r -> UiText.of("policy.done.withdrawn", r.versionNo()), false);
    }

    public void activate() {
        VersionRow v = selected.get();
        step(() -> versions.activate(session, v.kind(), v.versionNo()), r -> UiText.of("policy.done.activated", r.versionNo()), false);
    }

    /** Restores the selected retired version: a draft of it, submitted at once for another manager's approval. */
    public void rollback() {
        VersionRow v = selected.get();
        String text = note.get();
        step(() -> versions.rollback(session, v.kind(), v.versionNo(), text == null || text.isBlank() ? null : text),
                r -> UiText.of("policy.done.rolledBack", r.versionNo(), v.versionNo()), true);
    }

    /** Runs a step in the background; done, the list is reloaded with the version it returned selected; refused, the sentence is shown. */
    private void step(Supplier<VersionRow> work, java.util.function.Function<VersionRow, UiText> done, boolean clearsNote) {
        busy.set(true);
        message.set(null);
        error.set(null);
        tasks.submit(progress -> work.get(), row -> {
            busy.set(false);
            message.set(done.apply(row));
            if (clearsNote) {
                note.set("");
            }
            selected.set(null); // the version's content is read again, as stored
            fetch(row.versionNo());
        }, failure -> {
            busy.set(false);
            error.set(explain(failure));
            fetch(selected.get() == null ? null : selected.get().versionNo()); // a version changed by someone else is shown as it is now
        });
    }

    /** Simulates the selected version's decisions on the book against the active version ({@code shown} reports; {@link #cancelSimulation} stops). */
    public void simulate(Progress shown) {
        VersionRow v = selected.get();
        if (v == null) {
            return;
        }
        cancelSimulation();
        RunProgress run = new RunProgress(shown);
        simulation = run;
        simulating.set(true);
        error.set(null);
        simulationHandle = tasks.submit(progress -> impact.diff(session, v.kind(), v.versionNo(), null, true, progress), d -> {
            if (simulation == run) {
                simulating.set(false);
                diff.set(d);
            }
        }, failure -> {
            if (simulation == run) {
                simulating.set(false);
                if (!(failure instanceof Progress.CancelledException)) {
                    error.set(explain(failure));
                }
            }
        }, run);
    }

    /** Stops a running simulation; the parameters' differences stay. */
    public void cancelSimulation() {
        if (simulation != null) {
            simulation.cancel();
            simulation = null;
        }
        if (simulationHandle != null) {
            simulationHandle.cancel();
            simulationHandle = null;
        }
        simulating.set(false);
    }
}
