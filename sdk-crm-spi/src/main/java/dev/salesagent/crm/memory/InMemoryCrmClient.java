package dev.salesagent.crm.memory;

import dev.salesagent.crm.spi.AbstractCrmClient;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * A complete CRM in memory (provider id {@code memory}): the embedded default of the quickstart and
 * the reference server, and the reference implementation the compatibility kit is proven against.
 *
 * <p>Behaves like the real CRMs: upsert by normalised e-mail/domain (non-null fields replace, custom
 * fields merge), per-item batch errors, e-mail/domain validation with {@link CrmValidationException}
 * field errors ({@code REQUIRED}, {@code INVALID_EMAIL}, {@code INVALID_DOMAIN}), idempotent sales
 * orders by key, {@link CrmNotFoundException} for unknown ids, change timestamps from the injected
 * {@link Clock}, and stable keyset cursors. Thread-safe; data lives until the client is garbage.
 *
 * <p>Products, inventory, credit and opportunities are read-only through the SPI, so they are
 * seeded with the {@code seed*} methods or a JSON fixture (see {@link #load(InputStream)}).
 */
public final class InMemoryCrmClient extends AbstractCrmClient {

    /** Default {@code maxBatchSize()} of contacts and accounts: 100 (as HubSpot's batch upsert). */
    public static final int DEFAULT_MAX_BATCH_SIZE = 100;

    private static final String SAMPLE_DATA = "sample-data.json";

    private final MemoryStore store;

    private InMemoryCrmClient(MemoryStore store) {
        super(MemoryCrmClientProvider.ID, Operations.builder()
                .contacts(store.contactOps)
                .accounts(store.accountOps)
                .notes(store.noteOps)
                .opportunities(store.opportunityOps)
                .salesOrders(store.orderOps)
                .products(store.productOps)
                .inventory(store.inventoryOps)
                .customers(store.customerOps)
                .build());
        this.store = store;
    }

    /** {@return an empty client on the UTC system clock} */
    public static InMemoryCrmClient create() {
        return builder().build();
    }

    /** {@return a builder (clock, batch size, fixture)} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds or replaces a product (matched by SKU) with its stock per location.
     *
     * @param product         the product; {@code id}, timestamps are assigned, {@code currency} defaults to USD
     * @param stockByLocation available quantity per location name (empty for none)
     * @return the stored product
     * @throws CrmValidationException if the SKU is missing
     */
    public Product seedProduct(Product product, Map<String, BigDecimal> stockByLocation) {
        return store.seedProduct(Objects.requireNonNull(product, "product"), Map.copyOf(stockByLocation));
    }

    /**
     * Sets the credit limit and open balance of an account.
     *
     * @param accountId   the account's id in this client
     * @param creditLimit USD (or {@code currency}) limit, {@code null} for none
     * @param openBalance what the customer owes now
     * @param currency    ISO 4217 code, {@code null} for USD
     * @return the stored credit
     * @throws CrmNotFoundException if the account does not exist
     */
    public CustomerCredit seedCredit(String accountId, BigDecimal creditLimit, BigDecimal openBalance,
                                     String currency) {
        return store.seedCredit(accountId, creditLimit, Objects.requireNonNull(openBalance, "openBalance"), currency);
    }

    /**
     * Adds an opportunity (there is no create through the SPI).
     *
     * @param opportunity the opportunity, linked to an existing account; its id is ignored
     * @return the stored opportunity with its new id
     * @throws CrmNotFoundException if its {@code accountId} does not exist
     */
    public Opportunity seedOpportunity(Opportunity opportunity) {
        return store.seedOpportunity(Objects.requireNonNull(opportunity, "opportunity"));
    }

    /**
     * Adds an account as it is, without the domain rule of {@code accounts().upsert} (imported customers, such as
     * an ERP's order book, often have no web domain). An account without a domain cannot be found by domain.
     *
     * @param account the account; {@code id} is assigned, {@code createdAt}/{@code updatedAt} default to the clock
     * @return the stored account with its new id
     */
    public Account seedAccount(Account account) {
        return store.seedAccount(Objects.requireNonNull(account, "account"));
    }

    /**
     * Adds a historical sales order exactly as given (status, order date, lines, total, custom fields), as an
     * import of an order book would; {@code salesOrders().create} only makes new {@code PENDING} orders dated today.
     *
     * @param order the order; {@code id} is assigned; {@code total} defaults to the sum of the lines, {@code status}
     *              to {@code PENDING}, {@code currency} to USD, timestamps to the clock
     * @return the stored order with its new id
     * @throws CrmNotFoundException   if its customer or a line's product does not exist
     * @throws CrmValidationException if it has no customer or no lines, or reuses another order's idempotency key
     */
    public SalesOrder seedSalesOrder(SalesOrder order) {
        return store.seedSalesOrder(Objects.requireNonNull(order, "order"));
    }

    /**
     * Moves a sales order to another status, as fulfilment in the ERP would.
     *
     * @param orderId the order's id in this client
     * @param status the new status
     * @return the order after the change
     * @throws CrmNotFoundException if the order does not exist
     */
    public SalesOrder updateOrderStatus(String orderId, SalesOrderStatus status) {
        return store.updateOrderStatus(orderId, Objects.requireNonNull(status, "status"));
    }

    /**
     * Loads a JSON fixture into this client (accounts first, then contacts, opportunities, products, credit).
     *
     * @param fixtureJson the fixture JSON; read to the end, not closed
     * @return this client
     * @throws CrmValidationException if a record in it is invalid
     * @throws UncheckedIOException   if it cannot be read or parsed
     */
    public InMemoryCrmClient load(InputStream fixtureJson) {
        new MemoryFixture(this).load(fixtureJson);
        return this;
    }

    /** Builder of {@link InMemoryCrmClient}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int maxBatchSize = DEFAULT_MAX_BATCH_SIZE;
        private Path fixture;
        private boolean sampleData;

        private Builder() {
        }

        /**
         * The clock for {@code createdAt}/{@code updatedAt}; default {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The batch size reported by {@code maxBatchSize()}; default {@value #DEFAULT_MAX_BATCH_SIZE}.
         *
         * @param maxBatchSize the batch size, at least 1
         * @return this builder
         */
        public Builder maxBatchSize(int maxBatchSize) {
            if (maxBatchSize < 1) {
                throw new IllegalArgumentException("maxBatchSize must be positive: " + maxBatchSize);
            }
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /**
         * A JSON fixture file to load on {@link #build()}; format as in {@link InMemoryCrmClient#load(InputStream)}.
         *
         * @param fixture the fixture file, or {@code null} for none
         * @return this builder
         */
        public Builder fixture(Path fixture) {
            this.fixture = fixture;
            return this;
        }

        /**
         * Seeds the bundled sample data on {@link #build()}: 46 accounts, 150 contacts and 50 opportunities
         * from Salesforce's {@code apex-recipes} sample data, 16 products from {@code ebikes-lwc} (both CC0),
         * with synthetic inventory in three locations and credit for five accounts.
         *
         * @return this builder
         */
        public Builder sampleData() {
            this.sampleData = true;
            return this;
        }

        /**
         * @return the client, with the fixture and sample data loaded when set
         * @throws UncheckedIOException if the fixture cannot be read
         */
        public InMemoryCrmClient build() {
            InMemoryCrmClient client = new InMemoryCrmClient(new MemoryStore(clock, maxBatchSize));
            if (sampleData) {
                try (InputStream in = InMemoryCrmClient.class.getResourceAsStream(SAMPLE_DATA)) {
                    client.load(Objects.requireNonNull(in, SAMPLE_DATA));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read bundled sample data", e);
                }
            }
            if (fixture != null) {
                try (InputStream in = Files.newInputStream(fixture)) {
                    client.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read memory CRM fixture " + fixture, e);
                }
            }
            return client;
        }
    }
}
