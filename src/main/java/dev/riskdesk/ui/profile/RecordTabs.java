package dev.riskdesk.ui.profile;

import static dev.riskdesk.ui.profile.ProfileTexts.nz;

import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.ui.common.AuditTexts;
import dev.riskdesk.ui.common.EvidenceTexts;
import dev.riskdesk.ui.common.ReasonTexts;
import dev.riskdesk.ui.common.Tables;
import javafx.scene.Node;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The record tabs of a profile, one table each: rule hits, suspensions, appeals, customer notices and the audit trail. */
final class RecordTabs extends ProfilePart {
    RecordTabs(ProfileBinder ui, ProfileTexts texts) {
        super(ui, texts);
    }

    private <T> Node body(TableView<T> t, String emptyKey) {
        t.setPlaceholder(Tables.placeholder(i18n, emptyKey, model.loadingProperty()));
        return ProfileBinder.tabBody(t);
    }

    Node flags() {
        TableView<CustomerProfile.Flag> t = Tables.table("flags-table", ui.listOf(CustomerProfile::flags));
        t.getColumns().add(Tables.column(i18n, "profile.col.time", 140, x -> f().dateTime(x.hitAt())));
        // the rule in words; its code, for a look-up in the rule set, on hover
        t.getColumns().add(Tables.column(i18n, "profile.col.rule", 300, texts::flagWords, x -> x.ruleCode() + ": " + texts.flagWords(x)));
        t.getColumns().add(Tables.column(i18n, "profile.col.severity", 80, x -> i18n.get("profile.severity." + x.severity())));
        t.getColumns().add(Tables.column(i18n, "profile.col.flagState", 120, x -> i18n.get(x.open() ? "profile.flag.open" : "profile.flag.closed")
                + (x.stale() ? " · " + i18n.get("profile.flag.stale") : "")));
        t.getColumns().add(evidenceColumn(CustomerProfile.Flag::evidence));
        return body(t, "profile.flags.empty");
    }

    Node suspensions() {
        TableView<CustomerProfile.Suspension> t = Tables.table("suspensions-table", ui.listOf(CustomerProfile::suspensions));
        t.getColumns().add(Tables.column(i18n, "profile.col.started", 140, x -> f().dateTime(x.startedAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.kind", 100, x -> i18n.get("profile.suspensionKind." + x.kind())));
        t.getColumns().add(Tables.column(i18n, "profile.col.status", 90, x -> i18n.get("profile.suspensionStatus." + x.status())));
        t.getColumns().add(Tables.column(i18n, "profile.col.lifted", 140, x -> f().dateTime(x.liftedAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.reasons", 140, x -> ReasonTexts.wordsOf(i18n, x.reasonCodes()),
                x -> ReasonTexts.tooltip(i18n, ReasonTexts.codes(x.reasonCodes()))));
        t.getColumns().add(evidenceColumn(CustomerProfile.Suspension::evidence));
        return body(t, "profile.suspensions.empty");
    }

    /** The engine's evidence in words on one line; the whole of it, a line per fact, on hover. */
    private <T> TableColumn<T, String> evidenceColumn(Function<T, String> evidence) {
        return Tables.column(i18n, "profile.col.evidence", 300, x -> EvidenceTexts.lines(i18n, nz(evidence.apply(x))).lines()
                .map(String::strip).collect(Collectors.joining(" · ")), x -> EvidenceTexts.lines(i18n, nz(evidence.apply(x))));
    }

    Node appeals() {
        TableView<CustomerProfile.Appeal> t = Tables.table("appeals-table", ui.listOf(CustomerProfile::appeals));
        t.getColumns().add(Tables.column(i18n, "profile.col.appealNo", 110, CustomerProfile.Appeal::appealNo));
        t.getColumns().add(Tables.column(i18n, "profile.col.created", 140, x -> f().dateTime(x.createdAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.type", 130, x -> i18n.get("profile.appealType." + x.type())));
        t.getColumns().add(Tables.column(i18n, "profile.col.channel", 80, x -> i18n.getOr("profile.channel." + x.channel(), x.channel())));
        t.getColumns().add(Tables.column(i18n, "profile.col.status", 110, x -> i18n.get("appeals.status." + x.status())));
        t.getColumns().add(Tables.column(i18n, "profile.col.sla", 140, x -> f().dateTime(x.slaDueAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.outcome", 120, x -> x.outcome() == null ? "—"
                : i18n.get("profile.appealOutcome." + x.outcome())));
        return body(t, "profile.appeals.empty");
    }

    Node notices() {
        TableView<CustomerProfile.Notice> t = Tables.table("notices-table", ui.listOf(CustomerProfile::notices));
        t.getColumns().add(Tables.column(i18n, "profile.col.created", 140, x -> f().dateTime(x.createdAt())));
        t.getColumns().add(Tables.column(i18n, "profile.col.kind", 120, x -> i18n.get("profile.noticeKind." + x.kind())));
        t.getColumns().add(Tables.column(i18n, "profile.col.channel", 70, x -> i18n.getOr("profile.channel." + x.channel(), x.channel())));
        t.getColumns().add(Tables.column(i18n, "profile.col.status", 90, x -> i18n.get("profile.noticeStatus." + x.status())));
        t.getColumns().add(Tables.column(i18n, "profile.col.body", 420, CustomerProfile.Notice::body));
        return body(t, "profile.notices.empty");
    }

    Node audit() {
        TableView<CustomerProfile.AuditRow> t = Tables.table("profile-audit-table", ui.listOf(CustomerProfile::audit));
        t.getColumns().add(Tables.column(i18n, "profile.col.time", 150, x -> f().timestamp(x.at())));
        t.getColumns().add(Tables.column(i18n, "profile.col.operator", 90, CustomerProfile.AuditRow::operator));
        t.getColumns().add(Tables.column(i18n, "profile.col.action", 170, x -> AuditTexts.action(i18n, x.action())));
        t.getColumns().add(Tables.column(i18n, "profile.col.entity", 140, x -> i18n.getOr("audit.entity." + x.entityType(), AuditTexts.words(i18n, x.entityType()))
                + " " + nz(x.entityId())));
        t.getColumns().add(Tables.column(i18n, "profile.col.reason", 200, x -> AuditTexts.details(i18n, x.reason())));
        t.getColumns().add(Tables.column(i18n, "profile.col.details", 200, x -> AuditTexts.details(i18n, x.details())));
        return body(t, "profile.audit.empty");
    }
}
