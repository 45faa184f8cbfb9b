package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TaskRunner;
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

/** Overturn rate per rule and rule version, and the appeals behind the selected line. */
public final class RuleQualityViewModel {
    private final AppealServices service;
    private final Session session;
    private final TaskRunner tasks;
    private final ObservableList<Appeals.RuleQuality> rules = FXCollections.observableArrayList();
    private final ObservableList<Appeals.InboxRow> appeals = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");

    public RuleQualityViewModel(AppealServices service, Session session, TaskRunner tasks) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
    }

    public ObservableList<Appeals.RuleQuality> rules() {
        return rules;
    }

    public ObservableList<Appeals.InboxRow> appeals() {
        return appeals;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    public void reload() {
        loading.set(true);
        tasks.submit(p -> service.figures().ruleQuality(session), list -> {
            loading.set(false);
            rules.setAll(list);
        }, failure -> {
            loading.set(false);
            error.set(ErrorTexts.of(failure));
        });
    }

    public void select(Appeals.RuleQuality rule) {
        if (rule == null) {
            appeals.clear();
            return;
        }
        tasks.submit(p -> service.queries().appealsOfRule(session, rule.ruleCode(), rule.ruleSetId()), appeals::setAll,
                failure -> error.set(ErrorTexts.of(failure)));
    }
}
