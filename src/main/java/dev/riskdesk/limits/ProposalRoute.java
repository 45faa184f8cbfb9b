package dev.riskdesk.limits;

/** LIMIT_PROPOSAL.ROUTE: applied by the engine, or waiting in the review queue. */
public enum ProposalRoute {
    AUTO, REVIEW
}
