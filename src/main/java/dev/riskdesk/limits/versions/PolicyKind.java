package dev.riskdesk.limits.versions;

import dev.riskdesk.security.Permission;

/**
 * The two things whose versions change under maker-checker control: the limit policy (LIMIT_POLICY) and the
 * monitoring rule set (RULE_SET). Each has the permission to read its versions, the one to make drafts, the prefix
 * of its audit actions and the data/ file that seeds a new database.
 */
public enum PolicyKind {
    LIMIT_POLICY(Permission.POLICY_SIMULATE, Permission.POLICY_EDIT, "POLICY", "limit-policy.json"),
    RULE_SET(Permission.RULE_VIEW, Permission.RULE_EDIT, "RULES", "rules.json");

    private final Permission view;
    private final Permission edit;
    private final String auditPrefix;
    private final String seedFile;

    PolicyKind(Permission view, Permission edit, String auditPrefix, String seedFile) {
        this.view = view;
        this.edit = edit;
        this.auditPrefix = auditPrefix;
        this.seedFile = seedFile;
    }

    /** Reading versions and their differences. */
    public Permission viewPermission() {
        return view;
    }

    /** Making, editing, submitting and withdrawing drafts (approving is {@link Permission#POLICY_APPROVE} for both). */
    public Permission editPermission() {
        return edit;
    }

    /** The audit action for {@code step}: POLICY_SUBMITTED, RULES_APPROVED, ... */
    public String auditAction(String step) {
        return auditPrefix + "_" + step;
    }

    /** The entity type of its audit events: the table's name. */
    public String entityType() {
        return name();
    }

    /** The file in data/ whose content becomes version 1 of a new database. */
    public String seedFile() {
        return seedFile;
    }
}
