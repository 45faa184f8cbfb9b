package dev.riskdesk.ui.profile;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.customers.CustomerProfile.Header;
import dev.riskdesk.customers.CustomerProfile.Lane;
import dev.riskdesk.customers.CustomerProfile.TimelineEvent;
import dev.riskdesk.ui.common.ChartImages;
import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.ReasonTexts;
import dev.riskdesk.ui.common.Tables;
import dev.riskdesk.ui.common.Theme;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A customer's profile: a header with the figures an operator checks first, then tabs for the
 * risk timeline, limits, activity, flags, suspensions, appeals, notices and audit. Extra tabs
 * (the score) are plugged in by the composition root.
 */
public final class ProfileView {
    /** A tab added from outside (e.g. the score breakdown): title key, id and content. */
    public record ExtraTab(String titleKey, String id, Supplier<Node> content) {
    }

    private final ProfileViewModel model;
    private final I18n i18n;
    private final TaskRunner tasks;
    private final ObservableValue<Theme> theme;
    private final Runnable onBack;
    private final List<ExtraTab> extraTabs;

    public ProfileView(ProfileViewModel model, I18n i18n, TaskRunner tasks, ObservableValue<Theme> theme, Runnable onBack,
                       List<ExtraTab> extraTabs) {
        this.model = model;
        this.i18n = i18n;
        this.tasks = tasks;
        this.theme = theme;
        this.onBack = onBack;
        this.extraTabs = List.copyOf(extraTabs);
    }

    private CustomerProfile profile() {
        return model.profileProperty().get();
    }

    private Formats f() {
        return i18n.formats();
    }

    public Parent build() {
        TabPane tabs = new TabPane();
        tabs.setId("profile-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(
                tab("profile.tab.timeline", "profile-tab-timeline", timelineTab()),
                tab("profile.tab.limits", "profile-tab-limits", limitsTab()));
        for (ExtraTab extra : extraTabs) {
            Tab t = new Tab();
            t.setId(extra.id());
            t.textProperty().bind(i18n.text(extra.titleKey()));
            t.setOnSelectionChanged(e -> {
                if (t.isSelected() && t.getContent() == null) {
                    t.setContent(extra.content().get());
                }
            });
            tabs.getTabs().add(t);
        }
        tabs.getTabs().addAll(
                tab("profile.tab.activity", "profile-tab-activity", activityTab()),
                tab("profile.tab.flags", "profile-tab-flags", flagsTab()),
                tab("profile.tab.suspensions", "profile-tab-suspensions", suspensionsTab()),
                tab("profile.tab.appeals", "profile-tab-appeals", appealsTab()),
                tab("profile.tab.notices", "profile-tab-notices", noticesTab()));
        Tab audit = tab("profile.tab.audit", "profile-tab-audit", auditTab());
        tabs.getTabs().add(audit);
        model.profileProperty().addListener((obs, old, p) -> {
            if (p != null && !p.auditVisible()) {
                tabs.getTabs().remove(audit);
            }
        });
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox page = new VBox(10, topBar(), header(), tabs);
        page.getStyleClass().add("screen");
        page.setId("profile");
        model.load();
        return page;
    }

    private Tab tab(String key, String id, Node content) {
        Tab t = new Tab();
        t.setId(id);
        t.textProperty().bind(i18n.text(key));
        t.setContent(content);
        return t;
    }

    /** A text that follows the language and the loaded profile; "—" until it is there. */
    private javafx.beans.binding.StringBinding text(Function<CustomerProfile, String> text) {
        return i18n.bind(() -> profile() == null ? "—" : text.apply(profile()), model.profileProperty());
    }

    private HBox topBar() {
        Button back = new Button();
        back.setId("profile-back");
        back.textProperty().bind(i18n.text("profile.back"));
        back.setGraphic(new FontIcon("mdi2a-arrow-left"));
        back.getStyleClass().add("flat");
        back.setOnAction(e -> onBack.run());
        back.setCancelButton(true);

        Label title = new Label();
        title.setId("profile-title");
        title.getStyleClass().add("title-4");
        title.textProperty().bind(text(p -> i18n.format("profile.title", p.header().accountNo(), p.header().maskedName())));
        Label sub = new Label();
        sub.setId("profile-subtitle");
        sub.getStyleClass().add("text-muted");
        sub.textProperty().bind(text(p -> i18n.format("profile.subtitle", p.header().customerNo(), p.header().maskedPhone(),
                p.header().city(), p.header().cityTier(), i18n.get("profile.product." + p.header().product()),
                f().date(p.header().openedAt().toLocalDate()))));

        Label error = new Label();
        error.setId("profile-error");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(i18n.render(model.errorProperty()));
        error.managedProperty().bind(model.errorProperty().isNotNull());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = new Button();
        refresh.setId("profile-refresh");
        refresh.textProperty().bind(i18n.text("common.refresh"));
        refresh.setGraphic(new FontIcon("mdi2r-refresh"));
        refresh.disableProperty().bind(model.loadingProperty());
        refresh.setOnAction(e -> model.load());
        HBox bar = new HBox(12, back, title, sub, error, spacer, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node header() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("profile-figures");

        Label status = new Label();
        status.setId("profile-status");
        status.getStyleClass().add("status-chip");
        status.setMinWidth(Region.USE_PREF_SIZE);
        status.textProperty().bind(text(p -> i18n.get("common.status." + p.header().status())));
        model.profileProperty().addListener((obs, old, p) -> {
            status.getStyleClass().removeIf(c -> c.startsWith("status-chip-"));
            if (p != null) {
                status.getStyleClass().add("status-chip-" + p.header().status().toLowerCase(Locale.ROOT));
            }
        });

        ProgressBar util = new ProgressBar(0);
        util.setId("profile-utilisation-bar");
        util.getStyleClass().add("utilisation-bar");
        util.setPrefWidth(110);
        util.setMinWidth(80);
        model.profileProperty().addListener((obs, old, p) -> {
            double u = p == null ? 0 : Math.min(1, p.header().utilisation());
            util.setProgress(u);
            util.getStyleClass().remove("bar-danger");
            if (u >= 0.9) {
                util.getStyleClass().add("bar-danger");
            }
        });
        Label utilText = value("profile-utilisation", text(p -> f().percent(p.header().utilisation())));
        HBox utilBox = new HBox(8, util, utilText);
        utilBox.setAlignment(Pos.CENTER_LEFT);

        Label score = value("profile-score", text(p -> p.header().score() == null ? i18n.get("profile.noScore")
                : i18n.format("profile.scoreValue", f().integer(p.header().score()), p.header().scoreBand())));

        FlowPane subs = new FlowPane(6, 4);
        subs.setId("profile-subscores");
        model.profileProperty().addListener((obs, old, p) -> renderSubScores(subs, p));
        i18n.messagesProperty().addListener((obs, old, now) -> renderSubScores(subs, profile()));

        FlowPane flags = new FlowPane(6, 4);
        flags.setId("profile-flags");
        model.profileProperty().addListener((obs, old, p) -> renderFlags(flags, p));
        i18n.messagesProperty().addListener((obs, old, now) -> renderFlags(flags, profile()));

        grid.add(caption("profile.h.status"), 0, 0);
        grid.add(status, 0, 1);
        grid.add(caption("profile.h.limit"), 1, 0);
        grid.add(value("profile-limit", text(p -> f().money(p.header().creditLimit()))), 1, 1);
        grid.add(caption("profile.h.available"), 2, 0);
        grid.add(value("profile-available", text(p -> f().money(p.header().available()))), 2, 1);
        grid.add(caption("profile.h.balance"), 3, 0);
        grid.add(value("profile-balance", text(p -> f().money(p.header().balance()))), 3, 1);
        grid.add(caption("profile.h.utilisation"), 4, 0);
        grid.add(utilBox, 4, 1);
        grid.add(caption("profile.h.dpd"), 5, 0);
        grid.add(value("profile-dpd", text(p -> p.header().daysPastDue() == 0 ? i18n.get("common.bucket.CURRENT")
                : i18n.format("profile.dpdValue", p.header().daysPastDue()))), 5, 1);
        grid.add(caption("profile.h.score"), 6, 0);
        grid.add(score, 6, 1);

        VBox subsBox = new VBox(2, caption("profile.h.subscores"), subs);
        VBox flagsBox = new VBox(2, caption("profile.h.flags"), flags);
        HBox.setHgrow(flagsBox, Priority.ALWAYS);
        HBox second = new HBox(28, subsBox, flagsBox);
        VBox header = new VBox(8, grid, second);
        header.getStyleClass().add("profile-header");
        header.setId("profile-header");
        return header;
    }

    private void renderSubScores(FlowPane pane, CustomerProfile p) {
        pane.getChildren().clear();
        if (p == null) {
            return;
        }
        CustomerProfile.SubScores s = p.header().subScores();
        if (s == null) {
            Label none = new Label(i18n.get("profile.noSubscores"));
            none.getStyleClass().add("text-muted");
            pane.getChildren().add(none);
            return;
        }
        pane.getChildren().addAll(subChip("credit", s.credit()), subChip("capacity", s.capacity()),
                subChip("stability", s.stability()), subChip("security", s.security()));
    }

    private Label subChip(String name, int value) {
        String band = CustomerProfile.SubScores.band(value);
        Label chip = new Label(i18n.format("profile.sub." + name, band, value));
        chip.setId("profile-sub-" + name);
        chip.getStyleClass().addAll("band-chip", "band-" + band.toLowerCase(Locale.ROOT));
        return chip;
    }

    private void renderFlags(FlowPane pane, CustomerProfile p) {
        pane.getChildren().clear();
        if (p == null) {
            return;
        }
        if (p.header().openFlags() == 0 && p.header().openAppeal() == null) {
            Label none = new Label(i18n.get("profile.noFlags"));
            none.getStyleClass().add("text-muted");
            pane.getChildren().add(none);
        }
        java.util.Map<String, CustomerProfile.Flag> open = new java.util.LinkedHashMap<>();
        p.flags().stream().filter(CustomerProfile.Flag::open).forEach(x -> open.putIfAbsent(x.ruleCode(), x));
        open.forEach((code, flag) -> {
            Label chip = new Label(flagWords(flag));
            chip.setTooltip(new javafx.scene.control.Tooltip(code));
            chip.getStyleClass().addAll("flag-chip");
            chip.setGraphic(new FontIcon("mdi2f-flag-outline"));
            pane.getChildren().add(chip);
        });
        CustomerProfile.Appeal appeal = p.header().openAppeal();
        if (appeal != null) {
            Label chip = new Label(i18n.format("profile.openAppeal", appeal.appealNo(), i18n.get("profile.appealStatus." + appeal.status()),
                    f().dateTime(appeal.slaDueAt())));
            chip.setId("profile-open-appeal");
            chip.getStyleClass().add("appeal-chip");
            chip.setGraphic(new FontIcon("mdi2m-message-alert-outline"));
            pane.getChildren().add(chip);
        }
    }

    private Label caption(String key) {
        Label label = new Label();
        label.textProperty().bind(i18n.text(key));
        label.getStyleClass().add("header-caption");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label value(String id, javafx.beans.binding.StringBinding text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("header-value");
        label.textProperty().bind(text);
        label.setMinWidth(Region.USE_PREF_SIZE); // figures are never cut short: the gaps give way first
        return label;
    }

    // ------------------------------------------------------------ timeline

    private Node timelineTab() {
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
        ComboBox<ProfileViewModel.Period> period = new ComboBox<>(FXCollections.observableArrayList(ProfileViewModel.Period.values()));
        period.setId("timeline-period");
        period.valueProperty().bindBidirectional(model.periodProperty());
        javafx.util.Callback<javafx.scene.control.ListView<ProfileViewModel.Period>, ListCell<ProfileViewModel.Period>> cells =
                l -> new ListCell<>() {
                    @Override
                    protected void updateItem(ProfileViewModel.Period item, boolean empty) {
                        super.updateItem(item, empty);
                        setText(empty || item == null ? null : i18n.get("profile.period." + item.name()));
                    }
                };
        period.setCellFactory(cells);
        period.setButtonCell(cells.call(null));
        period.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(lanesBox, Priority.ALWAYS);
        HBox filters = new HBox(12, lanesBox, period);
        filters.setAlignment(Pos.CENTER_LEFT);

        TimelineChart chart = new TimelineChart();
        chart.setId("timeline-chart");
        // the list reads newest first; the chart keeps time left to right
        TableView<TimelineEvent> list = Tables.table("timeline-table", new javafx.collections.transformation.SortedList<>(model.timeline(),
                java.util.Comparator.comparing(TimelineEvent::at).reversed()));
        list.getColumns().add(Tables.column(i18n, "profile.col.time", 150, e -> f().dateTime(e.at())));
        list.getColumns().add(Tables.column(i18n, "profile.col.lane", 130, e -> i18n.get("profile.lane." + e.lane().name())));
        list.getColumns().add(Tables.column(i18n, "profile.col.event", 520, this::describe));
        list.setPlaceholder(Tables.placeholder(i18n, "profile.timeline.empty", model.loadingProperty()));
        list.setRowFactory(v -> levelRow());
        chart.setOnSelect(e -> {
            list.getSelectionModel().select(e);
            list.scrollTo(e);
        });
        Runnable redraw = () -> chart.show(List.of(Lane.values()).stream().filter(model.lanes()::contains).toList(),
                model.timeline(), model.periodStart(), model.now(), l -> i18n.get("profile.lane." + l.name()), this::describe,
                this::monthName);
        model.timeline().addListener((javafx.collections.ListChangeListener<TimelineEvent>) c -> redraw.run());
        i18n.messagesProperty().addListener((obs, old, now) -> redraw.run());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox box = new VBox(8, filters, chart, list);
        box.getStyleClass().add("tab-body");
        return box;
    }

    private javafx.scene.control.TableRow<TimelineEvent> levelRow() {
        return new javafx.scene.control.TableRow<>() {
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

    private String monthName(YearMonth month) {
        boolean zh = "zh".equals(i18n.locale().getLanguage());
        return month.format(DateTimeFormatter.ofPattern(zh ? "yy年M月" : "MMM yy", i18n.locale()));
    }

    /** The event in words, with its amounts and dates formatted for the language. */
    String describe(TimelineEvent e) {
        Object[] args = e.args().stream().map(this::formatArg).toArray();
        if ("RULE".equals(e.code())) {
            args[1] = i18n.get("profile.severity." + e.args().get(1));
        } else if ("LIMIT_UP".equals(e.code()) || "LIMIT_DOWN".equals(e.code())) {
            args[2] = i18n.get("profile.source." + e.args().get(2));
        } else if ("STATUS".equals(e.code())) {
            args[0] = i18n.get("common.status." + e.args().get(0));
            args[1] = i18n.get("common.status." + e.args().get(1));
        } else if ("SUSPENDED".equals(e.code()) || "LIFTED".equals(e.code())) {
            args[0] = i18n.get("profile.suspensionKind." + e.args().get(0));
        } else if ("INQUIRY".equals(e.code())) {
            args[1] = i18n.get("profile.inquiryType." + e.args().get(1));
        } else if ("SPEND_SPIKE".equals(e.code())) {
            args[1] = String.format(i18n.locale(), "%.1f", (Double) e.args().get(1));
        }
        return i18n.format("profile.event." + e.code(), args);
    }

    private Object formatArg(Object arg) {
        if (arg instanceof BigDecimal money) {
            return f().money(money);
        }
        if (arg instanceof LocalDate date) {
            return monthName(YearMonth.from(date));
        }
        if (arg instanceof Integer n) {
            return f().integer(n);
        }
        return arg == null ? "" : arg.toString();
    }

    // ------------------------------------------------------------ limits

    private Node limitsTab() {
        StackPane chartHost = new StackPane();
        chartHost.setId("limits-chart");
        chartHost.getStyleClass().add("chart-host");
        chartHost.setMinHeight(300);
        chartHost.setPrefHeight(320);
        PauseTransition redraw = new PauseTransition(Duration.millis(150));
        redraw.setOnFinished(e -> drawLimits(chartHost));
        chartHost.widthProperty().addListener((obs, old, now) -> redraw.playFromStart());
        model.profileProperty().addListener((obs, old, now) -> redraw.playFromStart());
        i18n.messagesProperty().addListener((obs, old, now) -> redraw.playFromStart());
        theme.addListener((obs, old, now) -> redraw.playFromStart());

        ObservableList<CustomerProfile.Proposal> proposals = FXCollections.observableArrayList();
        ObservableList<CustomerProfile.Decision> decisions = FXCollections.observableArrayList();
        model.profileProperty().addListener((obs, old, p) -> {
            proposals.setAll(p == null ? List.of() : p.openProposals());
            List<CustomerProfile.Decision> newestFirst = new java.util.ArrayList<>(p == null ? List.of() : p.decisions());
            java.util.Collections.reverse(newestFirst);
            decisions.setAll(newestFirst);
        });
        TableView<CustomerProfile.Proposal> pt = Tables.table("limits-proposals", proposals);
        pt.getColumns().add(Tables.column(i18n, "profile.col.created", 140, p -> f().dateTime(p.createdAt())));
        pt.getColumns().add(Tables.column(i18n, "profile.col.type", 100, p -> i18n.get("profile.proposalType." + p.type())));
        pt.getColumns().add(Tables.numeric(i18n, "profile.col.oldLimit", 100, p -> f().money(p.oldLimit())));
        pt.getColumns().add(Tables.numeric(i18n, "profile.col.proposed", 100, p -> f().money(p.proposedLimit())));
        pt.getColumns().add(Tables.column(i18n, "profile.col.status", 110, p -> i18n.get("profile.proposalStatus." + p.status())));
        pt.getColumns().add(Tables.column(i18n, "profile.col.reasons", 120, p -> ReasonTexts.wordsOf(i18n, p.reasonCodes()),
                p -> ReasonTexts.tooltip(i18n, ReasonTexts.codes(p.reasonCodes()))));
        pt.setPlaceholder(Tables.placeholder(i18n, "profile.proposals.empty", model.loadingProperty()));

        TableView<CustomerProfile.Decision> dt = Tables.table("limits-decisions", decisions);
        dt.getColumns().add(Tables.column(i18n, "profile.col.time", 140, d -> f().dateTime(d.decidedAt())));
        dt.getColumns().add(Tables.column(i18n, "profile.col.action", 90, d -> i18n.get("profile.decisionAction." + d.action())));
        dt.getColumns().add(Tables.numeric(i18n, "profile.col.oldLimit", 100, d -> f().money(d.oldLimit())));
        dt.getColumns().add(Tables.numeric(i18n, "profile.col.newLimit", 100, d -> f().money(d.newLimit())));
        dt.getColumns().add(Tables.column(i18n, "profile.col.by", 120, d -> d.maker() == null ? i18n.get("profile.byEngine")
                : d.checker() == null ? d.maker() : d.maker() + " / " + d.checker()));
        dt.getColumns().add(Tables.column(i18n, "profile.col.note", 160, d -> d.note() == null ? "" : d.note()));
        dt.setPlaceholder(Tables.placeholder(i18n, "profile.decisions.empty", model.loadingProperty()));

        // side by side, six columns each were cut to "Old …", "Pro…"; one table at a time keeps
        // every column readable, and the tab titles say how many rows each holds
        TabPane tables = new TabPane(countedTab("profile.proposals.title", "limits-tab-proposals", pt, proposals),
                countedTab("profile.decisions.title", "limits-tab-decisions", dt, decisions));
        tables.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tables.getStyleClass().add("floating");
        tables.setPrefHeight(200);
        VBox.setVgrow(tables, Priority.ALWAYS);
        VBox box = new VBox(6, chartHost, tables);
        box.getStyleClass().add("tab-body");
        return box;
    }

    private Tab countedTab(String key, String id, TableView<?> table, ObservableList<?> rows) {
        Tab t = new Tab();
        t.setId(id);
        t.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> i18n.get(key) + " (" + rows.size() + ")", rows, i18n.messagesProperty()));
        t.setContent(table);
        return t;
    }

    private void drawLimits(StackPane host) {
        CustomerProfile p = profile();
        int w = (int) Math.max(400, host.getWidth());
        int h = (int) Math.max(260, host.getPrefHeight());
        if (p == null) {
            return;
        }
        ProfileCharts.Texts texts = new ProfileCharts.Texts(i18n.get("profile.chart.limits.title"), i18n.get("profile.chart.time"),
                i18n.get("profile.chart.yuan"), i18n.get("profile.chart.limit"), i18n.get("profile.chart.balance"),
                i18n.get("profile.chart.decisions"), i18n.get("profile.chart.empty"));
        boolean dark = theme.getValue() == Theme.DARK;
        Locale locale = i18n.locale();
        double scale = Screen.getPrimary().getOutputScaleX();
        java.time.LocalDateTime now = model.now();
        tasks.submit(progress -> ChartImages.render(ProfileCharts.limits(p, now, texts, dark, locale), w, h, scale), image -> {
            ImageView view = new ImageView(ChartImages.toFxImage(image));
            view.setFitWidth(w);
            view.setFitHeight(h);
            view.setPreserveRatio(true);
            host.getChildren().setAll(view);
        }, failure -> host.getChildren().setAll(new Label(i18n.get("profile.chart.failed"))));
    }

    // ------------------------------------------------------------ activity

    private Node activityTab() {
        ObservableList<CustomerProfile.Bill> bills = FXCollections.observableArrayList();
        ObservableList<CustomerProfile.Repayment> repayments = FXCollections.observableArrayList();
        ObservableList<CustomerProfile.Login> logins = FXCollections.observableArrayList();
        model.profileProperty().addListener((obs, old, p) -> {
            bills.setAll(p == null ? List.of() : p.bills());
            repayments.setAll(p == null ? List.of() : p.repayments());
            logins.setAll(p == null ? List.of() : p.logins());
        });
        TableView<CustomerProfile.Bill> bt = Tables.table("activity-bills", bills);
        bt.getColumns().add(Tables.column(i18n, "profile.col.month", 90, b -> monthName(YearMonth.from(b.statementMonth()))));
        bt.getColumns().add(Tables.column(i18n, "profile.col.due", 110, b -> f().date(b.dueDate())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.amount", 100, b -> f().money(b.amount())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.minimum", 90, b -> f().money(b.minimumDue())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.paid", 100, b -> f().money(b.paid())));
        bt.getColumns().add(Tables.column(i18n, "profile.col.paidOn", 110, b -> f().date(b.paidDate())));
        bt.getColumns().add(Tables.numeric(i18n, "profile.col.dpd", 60, b -> f().integer(b.daysPastDue())));
        bt.getColumns().add(Tables.column(i18n, "profile.col.status", 90, b -> i18n.get("profile.billStatus." + b.status())));
        bt.setPlaceholder(Tables.placeholder(i18n, "profile.bills.empty", model.loadingProperty()));

        TableView<CustomerProfile.Repayment> rt = Tables.table("activity-repayments", repayments);
        rt.getColumns().add(Tables.column(i18n, "profile.col.paidAt", 150, r -> f().dateTime(r.paidAt())));
        rt.getColumns().add(Tables.column(i18n, "profile.col.receivedAt", 150, r -> f().dateTime(r.receivedAt())));
        rt.getColumns().add(Tables.numeric(i18n, "profile.col.amount", 110, r -> f().money(r.amount())));
        rt.getColumns().add(Tables.column(i18n, "profile.col.channel", 110, r -> i18n.get("profile.channel." + r.channel())));
        rt.setPlaceholder(Tables.placeholder(i18n, "profile.repayments.empty", model.loadingProperty()));

        ComboBox<String> category = new ComboBox<>(model.categories());
        category.setId("activity-category");
        category.valueProperty().bindBidirectional(model.categoryProperty());
        javafx.util.Callback<javafx.scene.control.ListView<String>, ListCell<String>> cells = l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.isEmpty() ? i18n.get("profile.txn.anyCategory")
                        : i18n.getOr("profile.category." + item, item));
            }
        };
        category.setCellFactory(cells);
        category.setButtonCell(cells.call(null));
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
        VBox txns = new VBox(8, txnFilters, tt);

        TableView<CustomerProfile.Login> lt = Tables.table("activity-logins", logins);
        lt.getColumns().add(Tables.column(i18n, "profile.col.time", 150, l -> f().dateTime(l.at())));
        lt.getColumns().add(Tables.column(i18n, "profile.col.device", 110, CustomerProfile.Login::deviceId));
        lt.getColumns().add(Tables.column(i18n, "profile.col.ip", 120, CustomerProfile.Login::ipAddress));
        lt.getColumns().add(Tables.column(i18n, "profile.col.city", 90, CustomerProfile.Login::city));
        lt.getColumns().add(Tables.column(i18n, "profile.col.anomaly", 160, l -> String.join(", ", anomalies(l))));
        lt.getColumns().add(Tables.column(i18n, "profile.col.result", 80, l -> i18n.get(l.success() ? "profile.login.ok" : "profile.login.failed")));
        lt.setPlaceholder(Tables.placeholder(i18n, "profile.logins.empty", model.loadingProperty()));

        TabPane sub = new TabPane(tab("profile.activity.bills", "activity-tab-bills", bt),
                tab("profile.activity.repayments", "activity-tab-repayments", rt),
                tab("profile.activity.transactions", "activity-tab-transactions", txns),
                tab("profile.activity.logins", "activity-tab-logins", lt));
        sub.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sub.getStyleClass().add("floating");
        VBox box = new VBox(sub);
        VBox.setVgrow(sub, Priority.ALWAYS);
        box.getStyleClass().add("tab-body");
        return box;
    }

    private List<String> anomalies(CustomerProfile.Login l) {
        List<String> list = new java.util.ArrayList<>();
        if (l.newDevice()) {
            list.add(i18n.get("profile.login.newDevice"));
        }
        if (l.newCity()) {
            list.add(i18n.get("profile.login.newCity"));
        }
        return list;
    }

    private TextField amountField(String id, String promptKey, javafx.beans.property.StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        field.promptTextProperty().bind(i18n.text(promptKey));
        field.textProperty().bindBidirectional(property);
        return field;
    }

    // ------------------------------------------------------------ flags, suspensions, appeals, notices, audit

    private <T> ObservableList<T> listOf(Function<CustomerProfile, List<T>> rows) {
        ObservableList<T> list = FXCollections.observableArrayList();
        model.profileProperty().addListener((obs, old, p) -> list.setAll(p == null ? List.of() : rows.apply(p)));
        return list;
    }

    private Node wrap(TableView<?> table) {
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.getStyleClass().add("tab-body");
        return box;
    }

    /** A rule hit in words: the rule set's description in the operator's language, else the bundle's text, else the code. */
    private String flagWords(CustomerProfile.Flag x) {
        String description = "zh".equals(i18n.locale().getLanguage()) ? x.descriptionZh() : x.descriptionEn();
        return description == null || description.isBlank() ? ReasonTexts.words(i18n, x.ruleCode()) : description;
    }

    private Node flagsTab() {
        TableView<CustomerProfile.Flag> t = Tables.table("flags-table", listOf(CustomerProfile::flags));
        t.getColumns().add(Tables.column(i18n, "profile.col.time", 140, x -> f().dateTime(x.hitAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.rule", 120, CustomerProfile.Flag::ruleCode));
        t.getColumns().add(Tables.column(i18n, "profile.col.description", 260, this::flagWords));
        t.getColumns().add(Tables.column(i18n, "profile.col.severity", 80, x -> i18n.get("profile.severity." + x.severity())));
        t.getColumns().add(Tables.column(i18n, "profile.col.flagState", 120, x -> i18n.get(x.open() ? "profile.flag.open" : "profile.flag.closed")
                + (x.stale() ? " · " + i18n.get("profile.flag.stale") : "")));
        t.getColumns().add(Tables.column(i18n, "profile.col.evidence", 300, CustomerProfile.Flag::evidence));
        t.setPlaceholder(Tables.placeholder(i18n, "profile.flags.empty", model.loadingProperty()));
        return wrap(t);
    }

    private Node suspensionsTab() {
        TableView<CustomerProfile.Suspension> t = Tables.table("suspensions-table", listOf(CustomerProfile::suspensions));
        t.getColumns().add(Tables.column(i18n, "profile.col.started", 140, x -> f().dateTime(x.startedAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.kind", 100, x -> i18n.get("profile.suspensionKind." + x.kind())));
        t.getColumns().add(Tables.column(i18n, "profile.col.status", 90, x -> i18n.get("profile.suspensionStatus." + x.status())));
        t.getColumns().add(Tables.column(i18n, "profile.col.lifted", 140, x -> f().dateTime(x.liftedAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.reasons", 140, x -> ReasonTexts.wordsOf(i18n, x.reasonCodes()),
                x -> ReasonTexts.tooltip(i18n, ReasonTexts.codes(x.reasonCodes()))));
        t.getColumns().add(Tables.column(i18n, "profile.col.evidence", 300, x -> nz(x.evidence())));
        t.setPlaceholder(Tables.placeholder(i18n, "profile.suspensions.empty", model.loadingProperty()));
        return wrap(t);
    }

    private Node appealsTab() {
        TableView<CustomerProfile.Appeal> t = Tables.table("appeals-table", listOf(CustomerProfile::appeals));
        t.getColumns().add(Tables.column(i18n, "profile.col.appealNo", 110, CustomerProfile.Appeal::appealNo));
        t.getColumns().add(Tables.column(i18n, "profile.col.created", 140, x -> f().dateTime(x.createdAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.type", 130, x -> i18n.get("profile.appealType." + x.type())));
        t.getColumns().add(Tables.column(i18n, "profile.col.channel", 80, x -> i18n.getOr("profile.channel." + x.channel(), x.channel())));
        t.getColumns().add(Tables.column(i18n, "profile.col.status", 110, x -> i18n.get("profile.appealStatus." + x.status())));
        t.getColumns().add(Tables.column(i18n, "profile.col.sla", 140, x -> f().dateTime(x.slaDueAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.outcome", 120, x -> x.outcome() == null ? "—"
                : i18n.get("profile.appealOutcome." + x.outcome())));
        t.setPlaceholder(Tables.placeholder(i18n, "profile.appeals.empty", model.loadingProperty()));
        return wrap(t);
    }

    private Node noticesTab() {
        TableView<CustomerProfile.Notice> t = Tables.table("notices-table", listOf(CustomerProfile::notices));
        t.getColumns().add(Tables.column(i18n, "profile.col.created", 140, x -> f().dateTime(x.createdAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.kind", 120, x -> i18n.get("profile.noticeKind." + x.kind())));
        t.getColumns().add(Tables.column(i18n, "profile.col.channel", 70, x -> i18n.getOr("profile.channel." + x.channel(), x.channel())));
        t.getColumns().add(Tables.column(i18n, "profile.col.status", 90, x -> i18n.get("profile.noticeStatus." + x.status())));
        t.getColumns().add(Tables.column(i18n, "profile.col.body", 420, CustomerProfile.Notice::body));
        t.setPlaceholder(Tables.placeholder(i18n, "profile.notices.empty", model.loadingProperty()));
        return wrap(t);
    }

    private Node auditTab() {
        TableView<CustomerProfile.AuditRow> t = Tables.table("profile-audit-table", listOf(CustomerProfile::audit));
        t.getColumns().add(Tables.column(i18n, "profile.col.time", 150, x -> f().timestamp(x.at())));
        t.getColumns().add(Tables.column(i18n, "profile.col.operator", 90, CustomerProfile.AuditRow::operator));
        t.getColumns().add(Tables.column(i18n, "profile.col.action", 170, x -> i18n.getOr("audit.action." + x.action(), x.action())));
        t.getColumns().add(Tables.column(i18n, "profile.col.entity", 140, x -> i18n.getOr("audit.entity." + x.entityType(), x.entityType())
                + " " + nz(x.entityId())));
        t.getColumns().add(Tables.column(i18n, "profile.col.reason", 200, x -> nz(x.reason())));
        t.getColumns().add(Tables.column(i18n, "profile.col.details", 200, x -> nz(x.details())));
        t.setPlaceholder(Tables.placeholder(i18n, "profile.audit.empty", model.loadingProperty()));
        return wrap(t);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
