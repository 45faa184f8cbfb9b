package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealRegistration;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.common.ErrorTexts;
import dev.riskdesk.ui.common.UiText;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The register-appeal form: the account is looked up off the FX thread for what it may contest,
 * picked files are checked as they are added, and OK is allowed once something is contested and
 * the customer's statement is there. The service checks everything again when it registers.
 */
public final class AppealRegistrationForm {
    /** What the form registers once the operator presses OK. */
    public record Registered(Appeals.Registration registration, List<Appeals.Attachment> attachments) {
    }

    private final AppealRegistration service;
    private final Session session;
    private final TaskRunner tasks;
    private final StringProperty account = new SimpleStringProperty(this, "account", "");
    private final ObservableList<Appeals.Contestable> contestable = FXCollections.observableArrayList();
    private final ObjectProperty<Appeals.Contestable> contested = new SimpleObjectProperty<>(this, "contested");
    private final StringProperty channel = new SimpleStringProperty(this, "channel", "PHONE");
    private final StringProperty contact = new SimpleStringProperty(this, "contact", "SMS");
    private final StringProperty statement = new SimpleStringProperty(this, "statement", "");
    private final ObservableList<Appeals.Attachment> files = FXCollections.observableArrayList();
    private final ObjectProperty<UiText> error = new SimpleObjectProperty<>(this, "error");
    private final BooleanBinding ready = contested.isNotNull().and(statement.isNotEmpty())
            .and(Bindings.createBooleanBinding(() -> TextLimit.APPEAL_STATEMENT.fits(statement.get()), statement));
    private long accountId = -1;

    /** {@code accountNo} pre-fills the account (from a profile); null for an empty form. */
    AppealRegistrationForm(AppealRegistration service, Session session, TaskRunner tasks, String accountNo) {
        this.service = service;
        this.session = session;
        this.tasks = tasks;
        account.set(accountNo == null ? "" : accountNo);
    }

    public List<String> channels() {
        return AppealRegistration.CHANNELS;
    }

    public List<String> contactPreferences() {
        return AppealRegistration.CONTACT_PREFERENCES;
    }

    public StringProperty accountProperty() {
        return account;
    }

    /** The suspensions and decisions of the account that may be contested, newest look-up only. */
    public ObservableList<Appeals.Contestable> contestable() {
        return contestable;
    }

    public ObjectProperty<Appeals.Contestable> contestedProperty() {
        return contested;
    }

    public StringProperty channelProperty() {
        return channel;
    }

    public StringProperty contactProperty() {
        return contact;
    }

    public StringProperty statementProperty() {
        return statement;
    }

    public ObservableList<Appeals.Attachment> files() {
        return files;
    }

    public ReadOnlyObjectProperty<UiText> errorProperty() {
        return error;
    }

    /** True once something is contested and the statement is written, within its limit. */
    public BooleanBinding readyProperty() {
        return ready;
    }

    /** Looks the account up and lists what it may contest, the first one picked. */
    public void lookUp() {
        error.set(null);
        String no = account.get() == null ? "" : account.get().trim();
        record Found(long accountId, List<Appeals.Contestable> contestable) {
        }
        tasks.submit(p -> {
            long id = service.accountIdOf(session, no);
            return new Found(id, service.contestable(session, id));
        }, found -> {
            accountId = found.accountId();
            contestable.setAll(found.contestable());
            contested.set(found.contestable().isEmpty() ? null : found.contestable().get(0));
        }, failure -> error.set(ErrorTexts.of(failure)));
    }

    /** Reads and checks a picked file; a file that is refused is said in words and not added. */
    public void addFile(File file) {
        try {
            Appeals.Attachment a = AppealAttachments.read(file);
            AppealRegistration.checkAttachment(a);
            files.add(a);
        } catch (UserFacingException | IOException ex) {
            error.set(ErrorTexts.of(ex));
        }
    }

    /** The registration as the form stands; only called when {@link #readyProperty()} holds. */
    public Registered registered() {
        Appeals.Contestable c = contested.get();
        return new Registered(new Appeals.Registration(accountId, c.type(), c.suspensionId(), c.decisionId(), channel.get(),
                contact.get(), statement.get()), new ArrayList<>(files));
    }
}
