package dev.riskdesk.ui.dashboard;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.dashboard.Buckets;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.TextCounter;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The scenario editor's fields, bound to the view model's texts: a selected scenario is its
 * template; saving under a new name keeps a user-defined one.
 */
final class StressScenarioEditor {
    private final StressTestViewModel model;
    private final I18n i18n;
    private final DashboardControls controls;

    private final TextField name;
    private final TextCounter nameCounter;

    StressScenarioEditor(StressTestViewModel model, I18n i18n) {
        this.model = model;
        this.i18n = i18n;
        this.controls = new DashboardControls(i18n);
        this.name = field("dashboard-stress-name", model.nameProperty());
        this.nameCounter = new TextCounter(i18n, name, TextLimit.STRESS_SCENARIO_NAME);
    }

    /** True while the name is longer than a scenario's name may be; saving waits until it is not. */
    BooleanBinding nameTooLong() {
        return nameCounter.tooLongProperty();
    }

    /** Name (with its counter), utilisation rise, LGD change and income shock. */
    Node shocks() {
        GridPane editor = new GridPane();
        editor.setHgap(8);
        editor.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHgrow(Priority.ALWAYS);
        ColumnConstraints fields = new ColumnConstraints(72);
        editor.getColumnConstraints().addAll(labels, fields);
        editor.addRow(0, controls.label("dashboard.stress.name"), nameCounter.under(name));
        name.setPrefColumnCount(8);
        editor.addRow(1, controls.label("dashboard.stress.utilisationRise"), field(null, model.utilisationRiseProperty()));
        editor.addRow(2, controls.label("dashboard.stress.lgdChange"), field(null, model.lgdChangeProperty()));
        editor.addRow(3, controls.label("dashboard.stress.incomeShock"), field(null, model.incomeShockProperty()));
        return editor;
    }

    /** PD multipliers: one compact line per segment kind, five small fields each. */
    Node multipliers() {
        GridPane multipliers = new GridPane();
        multipliers.setHgap(4);
        multipliers.setVgap(4);
        multipliers.add(controls.label("dashboard.stress.pdByIncome"), 0, 0, 5, 1);
        multipliers.add(controls.label("dashboard.stress.pdByTier"), 0, 2, 5, 1);
        for (int i = 0; i < 5; i++) {
            String band = Buckets.INCOME_BANDS.get(i);
            TextField pd = multiplierField("dashboard-stress-pd-" + band, model.pdMultiplierProperty(band));
            multipliers.add(new VBox(2, new Label(band), pd), i, 1);
            String tier = String.valueOf(Buckets.CITY_TIERS.get(i));
            TextField tierPd = multiplierField("dashboard-stress-tier-" + tier, model.tierPdMultiplierProperty(tier));
            Label tierName = new Label();
            tierName.textProperty().bind(i18n.bind(() -> i18n.format("dashboard.filter.tierValue", tier)));
            multipliers.add(new VBox(2, tierName, tierPd), i, 3);
        }
        return multipliers;
    }

    private static TextField multiplierField(String id, StringProperty text) {
        TextField f = field(id, text);
        f.setPrefColumnCount(3);
        return f;
    }

    private static TextField field(String id, StringProperty text) {
        TextField f = new TextField(text.get());
        f.setId(id);
        f.textProperty().bindBidirectional(text);
        return f;
    }
}
