package dev.riskdesk.ui.profile;

import dev.riskdesk.customers.CustomerProfile.Lane;
import dev.riskdesk.customers.CustomerProfile.TimelineEvent;
import dev.riskdesk.ui.common.Combos;
import dev.riskdesk.ui.common.Tables;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The risk timeline: lanes and period to show, the events on a chart, and the same events as a list, newest first. */
final class TimelineTab extends ProfilePart {
    TimelineTab(ProfileBinder ui, ProfileTexts texts) {
        super(ui, texts);
    }

    Node build() {
        HBox filters = new HBox(12, lanes(), period());
        filters.setAlignment(Pos.CENTER_LEFT);

        TimelineChart chart = new TimelineChart();
        chart.setId("timeline-chart");
        // the list reads newest first; the chart keeps time left to right
        TableView<TimelineEvent> list = Tables.table("timeline-table", new SortedList<>(model.timeline(),
                Comparator.comparing(TimelineEvent::at).reversed()));
        list.getColumns().add(Tables.column(i18n, "profile.col.time", 150, e -> f().dateTime(e.at())));
        list.getColumns().add(Tables.column(i18n, "profile.col.lane", 130, e -> i18n.get("profile.lane." + e.lane().name())));
        list.getColumns().add(Tables.column(i18n, "profile.col.event", 520, texts::describe));
        list.setPlaceholder(Tables.placeholder(i18n, "profile.timeline.empty", model.loadingProperty()));
        list.setRowFactory(v -> levelRow());
        chart.setOnSelect(e -> {
            list.getSelectionModel().select(e);
            list.scrollTo(e);
        });
        Runnable redraw = () -> chart.show(List.of(Lane.values()).stream().filter(model.lanes()::contains).toList(),
                model.timeline(), model.periodStart(), model.now(), l -> i18n.get("profile.lane." + l.name()), texts::describe,
                texts::monthName);
        model.timeline().addListener((ListChangeListener<TimelineEvent>) c -> redraw.run());
        i18n.messagesProperty().addListener((obs, old, now) -> redraw.run());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(8, filters, chart, list);
        box.getStyleClass().add("tab-body");
        return box;
    }

    private FlowPane lanes() {
        FlowPane lanesBox = new FlowPane(14, 6);
        lanesBox.setAlignment(Pos.CENTER_LEFT);
        for (Lane lane : Lane.values()) {
            CheckBox box = new CheckBox();
            box.setId("timeline-lane-" + lane.name());
            box.textProperty().bind(i18n.text("profile.lane." + lane.name()));
            box.setSelected(true);
            box.selectedProperty().addListener((obs, old, now) -> {
                if (now) {
                    model.lanes().add(lane);
                } else {
                    model.lanes().remove(lane);
                }
            });
            box.setMinWidth(Region.USE_PREF_SIZE);
            lanesBox.getChildren().add(box);
        }
        HBox.setHgrow(lanesBox, Priority.ALWAYS);
        return lanesBox;
    }

    private ComboBox<ProfileViewModel.Period> period() {
        ComboBox<ProfileViewModel.Period> period = new ComboBox<>(FXCollections.observableArrayList(ProfileViewModel.Period.values()));
        period.setId("timeline-period");
        period.valueProperty().bindBidirectional(model.periodProperty());
        Combos.texts(period, item -> i18n.get("profile.period." + item.name()));
        period.setMinWidth(Region.USE_PREF_SIZE);
        return period;
    }

    private static TableRow<TimelineEvent> levelRow() {
        return new TableRow<>() {
            @Override
            protected void updateItem(TimelineEvent item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(c -> c.startsWith("level-"));
                if (!empty && item != null) {
                    getStyleClass().add("level-" + item.level().name().toLowerCase(Locale.ROOT));
                }
            }
        };
    }
}
