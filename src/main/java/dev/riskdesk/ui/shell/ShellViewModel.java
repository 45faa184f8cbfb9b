package dev.riskdesk.ui.shell;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.Session;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The main window: which screens the role may open, which one is open, and the status bar. */
public final class ShellViewModel {
    private final Session session;
    private final List<ScreenEntry> screens;
    private final String databaseDescription;
    private final Supplier<LocalDateTime> dataAsOfSource;
    private final TaskRunner tasks;
    private final Consumer<Session> onSignOut;
    private final ObjectProperty<ScreenEntry> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<LocalDateTime> dataAsOf = new SimpleObjectProperty<>(this, "dataAsOf");

    /**
     * @param allScreens          every screen the console has; those the role may not use are left out
     * @param databaseDescription where the database is, as the status bar shows it
     * @param dataAsOfSource      reads the data as-of time (runs off the FX thread)
     * @param onSignOut           called when the operator signs out
     */
    public ShellViewModel(Session session, List<ScreenEntry> allScreens, String databaseDescription,
                          Supplier<LocalDateTime> dataAsOfSource, TaskRunner tasks, Consumer<Session> onSignOut) {
        this.session = session;
        this.screens = allScreens.stream().filter(s -> s.required() == null || session.has(s.required())).toList();
        this.databaseDescription = databaseDescription;
        this.dataAsOfSource = dataAsOfSource;
        this.tasks = tasks;
        this.onSignOut = onSignOut;
        if (!screens.isEmpty()) {
            selected.set(screens.get(0));
        }
    }

    public Session session() {
        return session;
    }

    public List<ScreenEntry> screens() {
        return screens;
    }

    public ObjectProperty<ScreenEntry> selectedProperty() {
        return selected;
    }

    public void open(String screenId) {
        screens.stream().filter(s -> s.id().equals(screenId)).findFirst().ifPresent(selected::set);
    }

    public String databaseDescription() {
        return databaseDescription;
    }

    public ReadOnlyObjectProperty<LocalDateTime> dataAsOfProperty() {
        return dataAsOf;
    }

    /** Re-reads the data as-of time for the status bar. A failure leaves the old value. */
    public void refreshStatus() {
        tasks.submit(progress -> dataAsOfSource.get(), dataAsOf::set, error -> { });
    }

    public void signOut() {
        onSignOut.accept(session);
    }
}
