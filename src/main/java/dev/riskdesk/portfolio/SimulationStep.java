package dev.riskdesk.portfolio;

/** What every step of {@link CustomerSimulator} works with: the run's tables and the current customer's state. */
abstract class SimulationStep {
    final ReferenceData ref;
    final Timeline tl;
    final SimulationTables tables;
    final CustomerState s;

    SimulationStep(SimulationTables tables, CustomerState s) {
        this.ref = tables.ref;
        this.tl = tables.tl;
        this.tables = tables;
        this.s = s;
    }
}
