package dev.riskdesk.ui.profile;

import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.Tables;
import java.time.YearMonth;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Account activity: bills, repayments, card transactions (filtered by category and amount) and logins, one table each. */
final class ActivityTab extends ProfilePart {
    ActivityTab(ProfileBinder ui, ProfileTexts texts) {
        super(ui, texts);
    }

    Node build() {
        TabPane sub = new TabPane(ui.tab("profile.activity.bills", "activity-tab-bills", bills()),
                ui.tab("profile.activity.repayments", "activity-tab-repayments", repayments()),
                ui.tab("profile.activity.transactions", "activity-tab-transactions", transactions()),
                ui.tab("profile.activity.logins", "activity-tab-logins", logins()));
        sub.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sub.getStyleClass().add("floating");
        VBox box = new VBox(sub);
        VBox.setVgrow(sub, Priority.ALWAYS);
        box.getStyleClass().add("tab-body");
        return box;
    }

    private TableView<CustomerProfile.Bill> bills() {
        TableView<CustomerProfile.Bill> bt = Tables.table("activity-bills", ui.listOf(CustomerProfile::bills));
        bt.getColumns().add(Tables.column(i18n, "profile.col.month", 90, b -> texts.monthName(YearMonth.from(b.statementMonth()))));
        bt.getColumns().add(Tables.column(i18n, "profile.col.due", 110, b -> f().date(b.dueDate())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.amount", 100, b -> f().money(b.amount())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.minimum", 90, b -> f().money(b.minimumDue())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.paid", 100, b -> f().money(b.paid())));
        bt.getColumns().add(Tables.column(i18n, "profile.col.paidOn", 110, b -> f().date(b.paidDate())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.dpd", 60, b -> f().integer(b.daysPastDue())));
        bt.getColumns().add(Tables.column(i18n, "profile.col.status", 90, b -> i18n.get("profile.billStatus." + b.status())));
        bt.setPlaceholder(Tables.placeholder(i18n, "profile.bills.empty", model.loadingProperty()));
        return bt;
    }

    private TableView<CustomerProfile.Repayment> repayments() {
        TableView<CustomerProfile.Repayment> rt = Tables.table("activity-repayments", ui.listOf(CustomerProfile::repayments));
        rt.getColumns().add(Tables.column(i18n, "profile.col.paidAt", 150, r -> f().dateTime(r.paidAt())));
        rt.getColumns().add(Tables.column(i18n, "profile.col.receivedAt", 150, r -> f().dateTime(r.receivedAt())));
        rt.getColumns().add(Tables.numeric(i18n, "profile.col.amount", 110, r -> f().money(r.amount())));
        rt.getColumns().add(Tables.column(i18n, "profile.col.channel", 110, r -> i18n.get("profile.channel." + r.channel())));
        rt.setPlaceholder(Tables.placeholder(i18n, "profile.repayments.empty", model.loadingProperty()));
        return rt;
    }

    private Node transactions() {
        ComboBox<String> category = new ComboBox<>(model.categories());
        category.setId("activity-category");
        category.valueProperty().bindBidirectional(model.categoryProperty());
        Combos.texts(category, item -> item.isEmpty() ? i18n.get("profile.txn.anyCategory") : i18n.getOr("profile.category." + item, item));
        TextField min = amountField("activity-min", "profile.txn.min", model.minAmountProperty());
        TextField max = amountField("activity-max", "profile.txn.max", model.maxAmountProperty());
        Label invalid = new Label();
        invalid.getStyleClass().add("error-text");
        invalid.textProperty().bind(i18n.text("profile.txn.invalidAmount"));
        invalid.visibleProperty().bind(model.amountInvalidProperty());
        Label count = new Label();
        count.getStyleClass().add("text-muted");
        count.textProperty().bind(i18n.bind(() -> i18n.format("profile.txn.count", f().integer(model.transactions().size()),
                CustomerProfile.MAX_TRANSACTIONS), model.transactions()));
        HBox txnFilters = new HBox(8, category, min, max, invalid, count);
        txnFilters.setAlignment(Pos.CENTER_LEFT);
        TableView<CustomerProfile.Transaction> tt = Tables.table("activity-transactions", model.transactions());
        tt.getColumns().add(Tables.column(i18n, "profile.col.time", 150, t -> f().dateTime(t.at())));
        tt.getColumns().add(Tables.numeric(i18n, "profile.col.amount", 100, t -> f().money(t.amount())));
        tt.getColumns().add(Tables.column(i18n, "profile.col.category", 110, t -> i18n.getOr("profile.category." + t.category(), t.category())));
        tt.getColumns().add(Tables.column(i18n, "profile.col.merchant", 180, CustomerProfile.Transaction::merchant));
        tt.getColumns().add(Tables.column(i18n, "profile.col.channel", 100, t -> i18n.getOr("profile.channel." + t.channel(), t.channel())));
        tt.getColumns().add(Tables.column(i18n, "profile.col.city", 100, t -> t.city() == null ? "" : t.city()));
        tt.setPlaceholder(Tables.placeholder(i18n, "profile.txn.empty", model.loadingProperty()));
        VBox.setVgrow(tt, Priority.ALWAYS);
        return new VBox(8, txnFilters, tt);
    }

    private TableView<CustomerProfile.Login> logins() {
        TableView<CustomerProfile.Login> lt = Tables.table("activity-logins", ui.listOf(CustomerProfile::logins));
        lt.getColumns().add(Tables.column(i18n, "profile.col.time", 150, l -> f().dateTime(l.at())));
        lt.getColumns().add(Tables.column(i18n, "profile.col.device", 110, CustomerProfile.Login::deviceId));
        lt.getColumns().add(Tables.column(i18n, "profile.col.ip", 120, CustomerProfile.Login::ipAddress));
        lt.getColumns().add(Tables.column(i18n, "profile.col.city", 90, CustomerProfile.Login::city));
        lt.getColumns().add(Tables.column(i18n, "profile.col.anomaly", 160, l -> String.join(", ", texts.anomalies(l))));
        lt.getColumns().add(Tables.column(i18n, "profile.col.result", 80, l -> i18n.get(l.success() ? "profile.login.ok" : "profile.login.failed")));
        lt.setPlaceholder(Tables.placeholder(i18n, "profile.logins.empty", model.loadingProperty()));
        return lt;
    }

    private TextField amountField(String id, String promptKey, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        field.promptTextProperty().bind(i18n.text(promptKey));
        field.textProperty().bindBidirectional(property);
        return field;
    }
}
