package dev.salesagent.crm.salesforce;

/**
 * One simulated org shared by all tests of a kit subclass (the kit creates a client per test): started on first use,
 * closed by the subclass's {@code @AfterAll}.
 */
final class SharedTestOrg {

    private final boolean seed;
    private TestOrg org;

    /** @param seed whether the org is seeded with the CC0 sample data */
    SharedTestOrg(boolean seed) {
        this.seed = seed;
    }

    /** The org, started on the first call. */
    synchronized TestOrg get() {
        if (org == null) {
            org = new TestOrg(seed);
        }
        return org;
    }

    /** Stops the org if it was started; a later {@link #get()} starts a new one. */
    synchronized void close() {
        if (org != null) {
            org.close();
            org = null;
        }
    }
}
