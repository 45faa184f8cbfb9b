package dev.riskdesk.ui.profile;

import dev.riskdesk.customers.CustomerProfile.Lane;
import dev.riskdesk.customers.CustomerProfile.TimelineEvent;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;

/**
 * The risk timeline: one shared time axis, one lane per kind of event, a marker per event
 * coloured by how it reads (good, info, warning, bad — CSS classes over the theme's colours).
 * Hover shows the event in words; a click selects it in the list below.
 */
final class TimelineChart extends Region {
    static final double LABEL_WIDTH = 150;
    static final double LANE_HEIGHT = 24;
    static final double AXIS_HEIGHT = 22;
    static final double RIGHT_PAD = 14;

    private final List<Lane> lanes = new ArrayList<>();
    private final List<Label> laneLabels = new ArrayList<>();
    private final List<Line> laneLines = new ArrayList<>();
    private final List<Circle> markers = new ArrayList<>();
    private final List<TimelineEvent> markerEvents = new ArrayList<>();
    private final List<Label> ticks = new ArrayList<>();
    private final List<YearMonth> tickMonths = new ArrayList<>();
    private LocalDateTime from;
    private LocalDateTime to;
    private Consumer<TimelineEvent> onSelect = e -> { };

    TimelineChart() {
        getStyleClass().add("timeline-chart");
    }

    void setOnSelect(Consumer<TimelineEvent> onSelect) {
        this.onSelect = onSelect;
    }

    void show(List<Lane> shownLanes, List<TimelineEvent> events, LocalDateTime start, LocalDateTime end,
              Function<Lane, String> laneName, Function<TimelineEvent, String> describe, Function<YearMonth, String> monthName) {
        getChildren().clear();
        lanes.clear();
        laneLabels.clear();
        laneLines.clear();
        markers.clear();
        markerEvents.clear();
        ticks.clear();
        tickMonths.clear();
        lanes.addAll(shownLanes);
        to = end;
        from = start != null ? start : events.stream().map(TimelineEvent::at).min(LocalDateTime::compareTo).orElse(end.minusMonths(12));
        if (!from.isBefore(to)) {
            from = to.minusMonths(1);
        }
        for (Lane lane : lanes) {
            Line line = new Line();
            line.getStyleClass().add("timeline-lane-line");
            laneLines.add(line);
            Label label = new Label(laneName.apply(lane));
            label.getStyleClass().add("timeline-lane-label");
            laneLabels.add(label);
        }
        getChildren().addAll(laneLines);
        getChildren().addAll(laneLabels);
        long spanMonths = Math.max(1, Duration.between(from, to).toDays() / 30);
        int step = spanMonths <= 8 ? 1 : spanMonths <= 16 ? 2 : spanMonths <= 30 ? 3 : 6;
        YearMonth first = YearMonth.from(from).plusMonths(1);
        for (YearMonth m = first; !m.atDay(1).atStartOfDay().isAfter(to); m = m.plusMonths(step)) {
            Label tick = new Label(monthName.apply(m));
            tick.getStyleClass().add("timeline-tick");
            ticks.add(tick);
            tickMonths.add(m);
        }
        getChildren().addAll(ticks);
        for (TimelineEvent e : events) {
            if (!lanes.contains(e.lane()) || e.at().isBefore(from) || e.at().isAfter(to)) {
                continue;
            }
            Circle c = new Circle(5);
            c.getStyleClass().addAll("timeline-marker", "marker-" + e.level().name().toLowerCase(Locale.ROOT));
            Tooltip.install(c, new Tooltip(describe.apply(e)));
            c.setOnMouseClicked(ev -> onSelect.accept(e));
            markers.add(c);
            markerEvents.add(e);
        }
        getChildren().addAll(markers);
        requestLayout();
    }

    private double x(LocalDateTime at, double width) {
        double span = Duration.between(from, to).toMinutes();
        double pos = Duration.between(from, at).toMinutes();
        return LABEL_WIDTH + (width - LABEL_WIDTH - RIGHT_PAD) * (span <= 0 ? 0 : pos / span);
    }

    @Override
    protected double computePrefHeight(double width) {
        return Math.max(1, lanes.size()) * LANE_HEIGHT + AXIS_HEIGHT + 6;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        if (from == null) {
            return;
        }
        for (int i = 0; i < lanes.size(); i++) {
            double y = i * LANE_HEIGHT + LANE_HEIGHT / 2 + 3;
            Label label = laneLabels.get(i);
            label.resizeRelocate(4, y - LANE_HEIGHT / 2, LABEL_WIDTH - 10, LANE_HEIGHT);
            Line line = laneLines.get(i);
            line.setStartX(LABEL_WIDTH);
            line.setEndX(w - RIGHT_PAD);
            line.setStartY(y);
            line.setEndY(y);
        }
        double axisY = lanes.size() * LANE_HEIGHT + 6;
        for (int i = 0; i < ticks.size(); i++) {
            Label tick = ticks.get(i);
            double tw = tick.prefWidth(-1);
            double x = x(tickMonths.get(i).atDay(1).atStartOfDay(), w);
            tick.resizeRelocate(Math.min(w - tw, Math.max(LABEL_WIDTH, x - tw / 2)), axisY, tw, AXIS_HEIGHT);
        }
        for (int i = 0; i < markers.size(); i++) {
            TimelineEvent e = markerEvents.get(i);
            Node marker = markers.get(i);
            double y = lanes.indexOf(e.lane()) * LANE_HEIGHT + LANE_HEIGHT / 2 + 3;
            marker.relocate(x(e.at(), w) - 5, y - 5);
        }
    }
}
