package dev.riskdesk.portfolio;

/**
 * Simulates one customer and account over the generated months from a latent risk, and appends
 * the rows to a {@link Chunk}. Every random draw comes from a generator seeded by (seed, customer
 * index) and row ids come from counters advanced in customer order, so a run is reproducible.
 * The steps share the customer's {@link CustomerState}; the run's ids and totals are in {@link #run}.
 */
final class CustomerSimulator {
    final RunCounters run = new RunCounters();
    private final long seed;
    private final CustomerState state = new CustomerState();
    private final PersonDraws person;
    private final ScenarioDraws scenarios;
    private final BehaviourFeeds feeds;
    private final MoneyWalk money;
    private final CustomerRows rows;

    CustomerSimulator(ReferenceData ref, Timeline tl, long seed) {
        this.seed = seed;
        SimulationTables tables = new SimulationTables(ref, tl);
        person = new PersonDraws(tables, state);
        scenarios = new ScenarioDraws(tables, state);
        feeds = new BehaviourFeeds(tables, state);
        money = new MoneyWalk(tables, state, run);
        rows = new CustomerRows(tables, state, run);
    }

    /**
     * Generates customer number {@code index} (0-based) into the chunk. The steps draw from one
     * random stream in a fixed order; moving a draw from one step to another changes the book.
     */
    void simulate(int index, Chunk out) {
        state.start(seed, index);

        person.drawPerson();
        person.drawAccount();
        scenarios.drawScenarios();
        scenarios.drawDistress();
        feeds.simulateLogins();
        feeds.simulateInquiries();
        money.simulateMoney(out);
        rows.writeBills(out);
        rows.writeRepayments(out);
        rows.writeLogins(out);
        rows.writeInquiries(out);
        rows.writeMonths(out);
        rows.writeCustomerAndAccount(out);
        rows.writeTruth(out);
        out.customerCount++;
    }
}
