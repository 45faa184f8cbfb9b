package dev.riskdesk.portfolio;

/** The scenarios injected into the generated book, recorded as ground truth for each account that went through one. */
enum Scenario { ACCOUNT_TAKEOVER, MULTI_LENDING, INCOME_SHOCK, DORMANT, REPAYMENT_DELAY, DEFAULT_90 }
