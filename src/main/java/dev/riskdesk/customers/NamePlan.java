package dev.riskdesk.customers;

/**
 * How a name search alone, or with one account filter (one band, bucket or status and nothing
 * else), finds its accounts; the cheapest is chosen by how many customers bear the name
 * ({@link #cheapest}).
 */
enum NamePlan {
        /** Every customer of the name from the name index, then their accounts: a rare name. */
        NAME_INDEX,
        /**
         * Walk the sort index (the filter value's part of it) and keep the entries whose customer is in
         * the name's set of customer ids, read once from the name index: a name of middling frequency.
         */
        CUSTOMER_SET,
        /**
         * Walk the sort index (the filter value's part of it) and look each entry's customer up in the
         * (ID, tier, name) index: a common name, whose accounts come so often that the walk is short.
         */
        CUSTOMER_CHECK;

    /*
     * The cost model behind the choice, in microseconds, measured on the 1,000,000-account book
     * (2026-12-02, warm cache, see benchmarks.md): per customer read from the name index with a
     * look-up of its accounts; per customer id put into the set; per index entry walked and
     * checked against the set; per index entry walked with a customer look-up.
     */
    static final double NAME_LOOKUP_MICROS = 14;
    static final double SET_BUILD_MICROS = 2;
    static final double WALK_SET_MICROS = 1;
    static final double WALK_CHECK_MICROS = 11;

    /**
     * The cheapest plan to find {@code wanted} matches of a name borne by {@code customers}
     * customers among {@code accounts} accounts (about one account each): reading the name costs
     * in proportion to its customers; a walk passes about wanted × accounts ÷ customers entries
     * (the name's share of the filter value's accounts is its share of the book) and at most all.
     */
    static NamePlan cheapest(long customers, long accounts, int wanted) {
        double walked = customers == 0 ? accounts : Math.min(accounts, (double) wanted * accounts / customers);
        double byName = NAME_LOOKUP_MICROS * customers;
        double bySet = SET_BUILD_MICROS * customers + WALK_SET_MICROS * walked;
        double byCheck = WALK_CHECK_MICROS * walked;
        if (byName <= bySet && byName <= byCheck) {
            return NamePlan.NAME_INDEX;
        }
        return bySet <= byCheck ? NamePlan.CUSTOMER_SET : NamePlan.CUSTOMER_CHECK;
    }

    /** From this many customers on, looking customers up costs less than building their set (and reading the name more still). */
    static long checkBeatsSetFrom(long accounts, int wanted) {
        return (long) Math.ceil(Math.sqrt((WALK_CHECK_MICROS - WALK_SET_MICROS) * wanted * accounts / SET_BUILD_MICROS)) + 1;
    }
}
