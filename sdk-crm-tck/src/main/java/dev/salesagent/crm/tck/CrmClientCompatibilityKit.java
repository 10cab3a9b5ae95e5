package dev.salesagent.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.InventoryLevel;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.UnsupportedCapabilityException;
import dev.salesagent.crm.UpsertResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compatibility kit every {@link CrmClient} must pass. An adapter's test extends it and supplies
 * a client (usually against its WireMock simulator):
 *
 * <pre>{@code
 * class HubSpotCrmClientCompatibilityTest extends CrmClientCompatibilityKit {
 *     HubSpotSimulator sim = HubSpotSimulator.start();
 *     protected CrmClient createClient() { return HubSpotCrmClient.create(sim.config()); }
 *     protected void advanceTime() { sim.clock().advance(Duration.ofSeconds(1)); }
 * }
 * }</pre>
 *
 * <p>Tests are grouped per capability with {@link Nested}. Tests of a capability the client does not
 * declare are skipped (JUnit assumption), and a mirrored test asserts that its accessor throws
 * {@link UnsupportedCapabilityException}. Every test is independent: it creates its own records with
 * a random suffix ({@link #unique(String)}), so simulators may keep state between tests and data may
 * already exist.
 *
 * <p>Hooks for what the SPI cannot do itself (products, inventory, credit and opportunities are
 * read-only through the SPI) or where CRMs differ: {@link #seedProduct}, {@link #seedCredit},
 * {@link #seedOpportunity}, {@link #seedStage}, {@link #advanceTime()}, {@link #invalidContact(int)},
 * {@link #unknownId(CrmCapability)}.
 */
public abstract class CrmClientCompatibilityKit {

    /** The client under test, created before and closed after each test. */
    protected CrmClient client;

    private String run = newRun();

    private final Set<String> seededStages = new HashSet<>();

    /** {@return a new client for one test} */
    protected abstract CrmClient createClient();

    private static String newRun() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** Picks a fresh random suffix (also under {@code PER_CLASS} lifecycle) and creates the client. */
    @BeforeEach
    void createClientUnderTest() {
        run = newRun();
        seededStages.clear();
        client = createClient();
        assertThat(client).as("createClient()").isNotNull();
    }

    @AfterEach
    void closeClientUnderTest() {
        if (client != null) {
            client.close();
        }
    }

    // ------------------------------------------------------------------ hooks

    /**
     * Makes the CRM's clock move so that records written next get a strictly later
     * {@code updatedAt} than those written before. Default: waits 1.1 s (enough for CRMs with
     * second-resolution timestamps). Simulators override it to advance their clock instead.
     */
    protected void advanceTime() {
        try {
            Thread.sleep(1100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the CRM clock", e);
        }
    }

    /**
     * Creates a product with stock per location in the CRM under test; required when the client
     * declares {@link CrmCapability#PRODUCTS}, {@link CrmCapability#INVENTORY} or
     * {@link CrmCapability#SALES_ORDERS} (the SPI has no product create).
     *
     * @param price           unit price in USD
     * @param stockByLocation available quantity per location name
     * @param sku the product's SKU (its natural key)
     * @param name the product's name
     * @return the stored product with its CRM id
     */
    protected Product seedProduct(String sku, String name, BigDecimal price, Map<String, BigDecimal> stockByLocation) {
        throw new IllegalStateException(getClass().getSimpleName() + " declares PRODUCTS/INVENTORY/SALES_ORDERS "
                + "and must override seedProduct(..): the SPI has no product create");
    }

    /**
     * Sets credit limit and open balance of an account in the CRM under test; required when the
     * client declares {@link CrmCapability#CUSTOMER_CREDIT}.
     *
     * @param accountId the account, as returned by {@link #seedCustomer(String)}
     * @param creditLimit the credit limit in {@code currency}
     * @param openBalance the unpaid balance in {@code currency}
     * @param currency ISO 4217 code, e.g. {@code USD}
     */
    protected void seedCredit(CrmId accountId, BigDecimal creditLimit, BigDecimal openBalance, String currency) {
        throw new IllegalStateException(getClass().getSimpleName() + " declares CUSTOMER_CREDIT and must override "
                + "seedCredit(..): the SPI cannot write credit limits");
    }

    /**
     * Creates an opportunity in the CRM under test; required when the client declares
     * {@link CrmCapability#OPPORTUNITIES} (the SPI has no opportunity create).
     *
     * @param opportunity the opportunity to store (its id is ignored)
     * @return the stored opportunity with its CRM id
     */
    protected Opportunity seedOpportunity(Opportunity opportunity) {
        throw new IllegalStateException(getClass().getSimpleName() + " declares OPPORTUNITIES and must override "
                + "seedOpportunity(..): the SPI has no opportunity create");
    }

    /**
     * Makes {@code stage} a valid opportunity stage in the CRM under test. The kit calls it once per stage and test,
     * for every stage a test uses (to seed an opportunity in with {@link #seedOpportunity}, or to move one to with
     * {@code opportunities().update(..)}) before that test seeds its first opportunity, as an administrator configures
     * stages before they are used (clients may cache the stage list); the stage names are unique per test (e.g.
     * {@code kit-open-<suffix>}).
     * Default: nothing, for CRMs whose stages are free text (the {@code memory} sandbox). Override it for CRMs whose
     * stages are a configured list, e.g. HubSpot deal-pipeline stages or NetSuite customer statuses, the way an
     * administrator would add them.
     *
     * @param stage the stage name to make valid
     */
    protected void seedStage(String stage) {
    }

    /**
     * The customer (account) sales orders and credit are tested with. Default: upserts an account by
     * a unique domain through {@link CrmClient#accounts()}; override for CRMs without accounts.
     *
     * @param name the account's name
     * @return the account's CRM id
     */
    protected CrmId seedCustomer(String name) {
        return client.accounts().upsert(Account.builder().name(name).domain(unique("cust") + ".example.com").build())
                .id();
    }

    /**
     * A contact the CRM rejects with a {@link CrmValidationException} carrying field errors (used as
     * item {@code index} of the batch test). Default: a malformed e-mail.
     *
     * @param index position of the contact in the batch
     * @return a contact the CRM refuses
     */
    protected Contact invalidContact(int index) {
        return Contact.builder().email("not-an-email-" + run + "-" + index).firstName("Invalid").build();
    }

    /** {@return the field the {@link #invalidContact(int)} error names, or {@code null} to not check; default {@code email}} */
    protected String invalidContactField() {
        return "email";
    }

    /**
     * {@return a syntactically valid id that does not exist in the CRM (default {@code 999999999999})}
     *
     * @param capability the kind of record the id is looked up as
     */
    protected String unknownId(CrmCapability capability) {
        return "999999999999";
    }

    /**
     * The owner id seeded opportunities get and the search test filters by (must be a valid user id
     * in real CRMs), or {@code null} (default) to leave owners out of the test.
     *
     * @return a valid owner id, or {@code null}
     */
    protected String opportunityOwnerId() {
        return null;
    }

    /** {@return records in the paging test; default 250} */
    protected int pagingRecordCount() {
        return 250;
    }

    /** {@return records in the batch test; default 150} */
    protected int batchRecordCount() {
        return 150;
    }

    /**
     * {@code prefix} plus this test's random suffix, lower case; unique per test (a new suffix is
     * chosen before each test, before subclasses' {@code @BeforeEach} methods run).
     *
     * @param prefix the start of the value
     * @return the unique value
     */
    protected String unique(String prefix) {
        return (prefix + "-" + run).toLowerCase(Locale.ROOT);
    }

    /**
     * {@return a unique e-mail for this test: {@code <prefix>-<run>@kit.example.com}}
     *
     * @param prefix the local part's start
     */
    protected String email(String prefix) {
        return unique(prefix) + "@kit.example.com";
    }

    // ------------------------------------------------------------------ helpers

    private void requires(CrmCapability... capabilities) {
        for (CrmCapability c : capabilities) {
            assumeTrue(client.supports(c), () -> client.providerId() + " does not declare " + c);
        }
    }

    private void assertUnsupported(CrmCapability capability, Supplier<?> accessor) {
        assumeFalse(client.supports(capability), () -> client.providerId() + " declares " + capability);
        assertThatThrownBy(accessor::get).isInstanceOfSatisfying(UnsupportedCapabilityException.class, e -> {
            assertThat(e.capability()).isEqualTo(capability);
            assertThat(e.providerId()).isEqualTo(client.providerId());
        });
    }

    private static <T> List<T> all(Function<PageRequest, Page<T>> fetch, int pageSize) {
        return Page.stream(fetch, pageSize).toList();
    }

    private Product seedUniqueProduct(String label, BigDecimal price, Map<String, BigDecimal> stock) {
        String sku = unique("SKU-" + label).toUpperCase(Locale.ROOT);
        Product p = seedProduct(sku, "Kit " + label + " " + run, price, stock);
        assertThat(p.id()).as("seedProduct must return the stored product with its id").isNotNull();
        return p;
    }

    // ------------------------------------------------------------------ tests

    @Nested
    @DisplayName("The client")
    class ClientContract {

        @Test
        @DisplayName("has a provider id and declares capabilities consistently")
        void declaresCapabilities() {
            assertThat(client.providerId()).isNotBlank();
            Set<CrmCapability> declared = client.capabilities();
            for (CrmCapability c : CrmCapability.values()) {
                assertThat(client.supports(c)).as("supports(%s)", c).isEqualTo(declared.contains(c));
            }
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException for every undeclared capability")
        void undeclaredCapabilitiesThrow() {
            Map<CrmCapability, Supplier<?>> accessors = Map.of(
                    CrmCapability.CONTACTS, client::contacts, CrmCapability.ACCOUNTS, client::accounts,
                    CrmCapability.NOTES, client::notes, CrmCapability.OPPORTUNITIES, client::opportunities,
                    CrmCapability.SALES_ORDERS, client::salesOrders, CrmCapability.PRODUCTS, client::products,
                    CrmCapability.INVENTORY, client::inventory, CrmCapability.CUSTOMER_CREDIT, client::customers);
            EnumSet<CrmCapability> undeclared = EnumSet.allOf(CrmCapability.class);
            undeclared.removeAll(client.capabilities());
            for (CrmCapability c : accessors.keySet()) {
                if (undeclared.contains(c)) {
                    assertThatThrownBy(accessors.get(c)::get).as("accessor of %s", c)
                            .isInstanceOf(UnsupportedCapabilityException.class);
                } else {
                    assertThat(accessors.get(c).get()).as("accessor of %s", c).isNotNull();
                }
            }
        }

        @Test
        @DisplayName("has no LangChain4j model client and no Caffeine on its classpath")
        void carriesNoModelStack() {
            ClassLoader loader = client.getClass().getClassLoader();
            assertThat(CrmDependencyRule.violations(loader))
                    .as("classes of the model stack loadable by %s's class loader", client.getClass().getName())
                    .isEmpty();
            for (String banned : CrmDependencyRule.BANNED_CLASSES) {
                assertThatThrownBy(() -> Class.forName(banned, false, loader)).as(banned)
                        .isInstanceOf(ClassNotFoundException.class);
            }
        }
    }

    @Nested
    @DisplayName("Contact deletion")
    class ContactDeletion {

        @Test
        @DisplayName("declares CONTACT_DELETE only together with CONTACTS")
        void deleteNeedsContacts() {
            if (client.supports(CrmCapability.CONTACT_DELETE)) {
                assertThat(client.supports(CrmCapability.CONTACTS)).as("CONTACTS").isTrue();
            } else {
                assertThat(client.capabilities()).doesNotContain(CrmCapability.CONTACT_DELETE);
            }
        }

        @Test
        @DisplayName("a deleted contact is gone: get is not found and findByEmail finds nothing")
        void deletedContactIsGone() {
            requires(CrmCapability.CONTACTS, CrmCapability.CONTACT_DELETE);
            String email = email("deleted");
            Contact created = client.contacts().upsert(Contact.builder().email(email).firstName("Erin")
                    .lastName("Erased").build()).record();
            String kept = client.contacts().upsert(Contact.builder().email(email("kept")).lastName("Kept").build())
                    .id().value();
            client.contacts().delete(created.id().value());
            assertThatThrownBy(() -> client.contacts().get(created.id().value()))
                    .isInstanceOf(CrmNotFoundException.class);
            assertThat(client.contacts().findByEmail(email)).as("findByEmail after delete").isEmpty();
            assertThat(client.contacts().get(kept).id().value()).as("another contact is untouched").isEqualTo(kept);
        }

        @Test
        @DisplayName("erase by e-mail (any case) deletes the contact, then reports that there is none")
        void eraseByEmail() {
            requires(CrmCapability.CONTACTS, CrmCapability.CONTACT_DELETE);
            String email = email("erased");
            String id = client.contacts().upsert(Contact.builder().email(email).lastName("Erased").build())
                    .id().value();
            assertThat(client.contacts().erase(" " + email.toUpperCase(Locale.ROOT) + " ")).as("first erase").isTrue();
            assertThatThrownBy(() -> client.contacts().get(id)).isInstanceOf(CrmNotFoundException.class);
            assertThat(client.contacts().findByEmail(email)).isEmpty();
            assertThat(client.contacts().erase(email)).as("second erase").isFalse();
        }

        @Test
        @DisplayName("without CONTACT_DELETE, delete and erase throw UnsupportedCapabilityException")
        void deleteUnsupported() {
            requires(CrmCapability.CONTACTS);
            assumeFalse(client.supports(CrmCapability.CONTACT_DELETE),
                    () -> client.providerId() + " declares CONTACT_DELETE");
            String id = client.contacts().upsert(Contact.builder().email(email("undeletable")).lastName("Kept")
                    .build()).id().value();
            for (Runnable call : List.<Runnable>of(() -> client.contacts().delete(id),
                    () -> client.contacts().erase(email("undeletable")))) {
                assertThatThrownBy(call::run).isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                        e -> assertThat(e.capability()).isEqualTo(CrmCapability.CONTACT_DELETE));
            }
            assertThat(client.contacts().get(id).id().value()).isEqualTo(id);
        }
    }

    @Nested
    @DisplayName("Contacts")
    class Contacts {

        @Test
        @DisplayName("upserting twice by the same e-mail gives one record, reported as created then updated")
        void upsertTwiceIsOneRecord() {
            requires(CrmCapability.CONTACTS);
            String email = email("twice");
            UpsertResult<Contact> first = client.contacts().upsert(Contact.builder().email(email).firstName("Ada")
                    .lastName("Lovelace").title("Analyst").build());
            UpsertResult<Contact> second = client.contacts().upsert(Contact.builder().email(email).title("Engineer")
                    .build());
            assertThat(first.created()).as("first upsert created").isTrue();
            assertThat(second.created()).as("second upsert created").isFalse();
            assertThat(second.id()).isEqualTo(first.id());
            Contact stored = client.contacts().get(first.id().value());
            assertThat(stored.email()).isEqualToIgnoringCase(email);
            assertThat(stored.title()).isEqualTo("Engineer");
            assertThat(stored.firstName()).as("fields not sent are kept").isEqualTo("Ada");
            assertThat(stored.id().provider()).isEqualTo(client.providerId());
            assertThat(stored.createdAt()).isNotNull();
            assertThat(stored.updatedAt()).isNotNull();
        }

        @Test
        @DisplayName("matches e-mail addresses ignoring case")
        void emailMatchingIgnoresCase() {
            requires(CrmCapability.CONTACTS);
            String email = email("case");
            CrmId id = client.contacts().upsert(Contact.builder().email(email.toUpperCase(Locale.ROOT)).build()).id();
            assertThat(client.contacts().findByEmail(email)).get().extracting(Contact::id).isEqualTo(id);
            assertThat(client.contacts().findByEmail(email.toUpperCase(Locale.ROOT))).get().extracting(Contact::id)
                    .isEqualTo(id);
            UpsertResult<Contact> again = client.contacts().upsert(Contact.builder()
                    .email(Character.toUpperCase(email.charAt(0)) + email.substring(1)).lastName("Case").build());
            assertThat(again.created()).isFalse();
            assertThat(again.id()).isEqualTo(id);
        }

        @Test
        @DisplayName("finds nothing for an unknown e-mail and throws CrmNotFoundException for an unknown id")
        void unknownContact() {
            requires(CrmCapability.CONTACTS);
            assertThat(client.contacts().findByEmail(email("nobody"))).isEmpty();
            assertThatThrownBy(() -> client.contacts().get(unknownId(CrmCapability.CONTACTS)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("a batch with one invalid record lands all others and reports the bad one with a field error")
        void batchWithOneInvalidRecord() {
            requires(CrmCapability.CONTACTS);
            int n = batchRecordCount();
            int bad = n / 3;
            List<Contact> input = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                input.add(i == bad ? invalidContact(i)
                        : Contact.builder().email(email("batch" + i)).firstName("Batch").lastName("No " + i).build());
            }
            List<BatchItemResult<Contact>> results = client.contacts().upsertAll(input);
            assertThat(results).hasSize(n);
            assertThat(results).extracting(BatchItemResult::index)
                    .containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
            assertThat(results).filteredOn(BatchItemResult::isSuccess).hasSize(n - 1);
            BatchItemResult<Contact> failed = results.get(bad);
            assertThat(failed.isSuccess()).isFalse();
            assertThat(failed.error()).isInstanceOfSatisfying(CrmValidationException.class, e -> {
                assertThat(e.fieldErrors()).as("field errors of the invalid record").isNotEmpty();
                if (invalidContactField() != null) {
                    assertThat(e.fieldErrors()).extracting(CrmValidationException.FieldError::field)
                            .contains(invalidContactField());
                }
            });
            for (int i : new int[] {0, bad + 1, n - 1}) {
                BatchItemResult<Contact> r = results.get(i);
                assertThat(r.result().created()).isTrue();
                assertThat(r.result().record().email()).isEqualToIgnoringCase(email("batch" + i));
                assertThat(client.contacts().findByEmail(email("batch" + i))).get().extracting(Contact::id)
                        .isEqualTo(r.result().id());
            }
            assertThat(client.contacts().maxBatchSize()).isPositive();
        }

        @Test
        @DisplayName("changed-since returns only records changed after the instant")
        void changedSinceReturnsOnlyNewer() {
            requires(CrmCapability.CONTACTS);
            Contact old = client.contacts().upsert(Contact.builder().email(email("old")).build()).record();
            advanceTime();
            Instant since = old.updatedAt();
            Contact fresh = client.contacts().upsert(Contact.builder().email(email("new")).build()).record();
            assertThat(fresh.updatedAt()).isAfter(since);
            List<CrmId> changed = all(r -> client.contacts().changedSince(since, r), 100).stream()
                    .filter(c -> c.email() != null && c.email().endsWith(run + "@kit.example.com"))
                    .map(Contact::id).toList();
            assertThat(changed).containsExactly(fresh.id());
        }

        @Test
        @DisplayName("paging over many records yields each exactly once")
        void pagingYieldsEachOnce() {
            requires(CrmCapability.CONTACTS);
            int n = pagingRecordCount();
            Instant before = client.contacts().upsert(Contact.builder().email(email("marker")).build()).record()
                    .updatedAt();
            advanceTime();
            List<Contact> input = IntStream.range(0, n)
                    .mapToObj(i -> Contact.builder().email(email("page" + i)).build()).toList();
            List<BatchItemResult<Contact>> results = client.contacts().upsertAll(input);
            assertThat(results).allSatisfy(r -> assertThat(r.isSuccess()).as("item %d: %s", r.index(), r.error()).isTrue());
            List<String> seen = all(r -> client.contacts().changedSince(before, r), 100).stream()
                    .map(Contact::email).filter(e -> e != null && e.startsWith("page") && e.endsWith(run + "@kit.example.com"))
                    .toList();
            assertThat(seen).doesNotHaveDuplicates().hasSize(n);
        }

        @Test
        @DisplayName("concurrent upserts of distinct records from 4 threads all land")
        void concurrentUpserts() throws Exception {
            requires(CrmCapability.CONTACTS);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<CrmId>>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    Callable<List<CrmId>> work = () -> {
                        List<CrmId> ids = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            ids.add(client.contacts().upsert(Contact.builder().email(email("t" + thread + "-" + i))
                                    .build()).id());
                        }
                        return ids;
                    };
                    futures.add(pool.submit(work));
                }
                List<CrmId> ids = new ArrayList<>();
                for (Future<List<CrmId>> f : futures) {
                    ids.addAll(f.get(2, TimeUnit.MINUTES));
                }
                assertThat(ids).hasSize(40).doesNotHaveDuplicates();
                for (int t = 0; t < 4; t++) {
                    for (int i = 0; i < 10; i++) {
                        assertThat(client.contacts().findByEmail(email("t" + t + "-" + i))).isPresent();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when contacts are not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.CONTACTS, client::contacts);
        }
    }

    @Nested
    @DisplayName("Accounts")
    class Accounts {

        @Test
        @DisplayName("upserting twice by the same domain (any scheme, www or case) gives one record")
        void upsertTwiceIsOneRecord() {
            requires(CrmCapability.ACCOUNTS);
            String domain = unique("acct") + ".example.com";
            UpsertResult<Account> first = client.accounts().upsert(Account.builder().name("Kit Co").domain(domain)
                    .industry("Manufacturing").build());
            UpsertResult<Account> second = client.accounts().upsert(Account.builder()
                    .domain("https://www." + domain.toUpperCase(Locale.ROOT) + "/about").employees(42L).build());
            assertThat(first.created()).isTrue();
            assertThat(second.created()).isFalse();
            assertThat(second.id()).isEqualTo(first.id());
            Account stored = client.accounts().get(first.id().value());
            assertThat(stored.domain()).isEqualTo(domain);
            assertThat(stored.name()).isEqualTo("Kit Co");
            assertThat(stored.employees()).isEqualTo(42L);
            assertThat(client.accounts().findByDomain("WWW." + domain)).get().extracting(Account::id)
                    .isEqualTo(first.id());
        }

        @Test
        @DisplayName("finds nothing for an unknown domain and throws CrmNotFoundException for an unknown id")
        void unknownAccount() {
            requires(CrmCapability.ACCOUNTS);
            assertThat(client.accounts().findByDomain(unique("none") + ".example.com")).isEmpty();
            assertThatThrownBy(() -> client.accounts().get(unknownId(CrmCapability.ACCOUNTS)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("a batch reports results in input order")
        void batchInInputOrder() {
            requires(CrmCapability.ACCOUNTS);
            List<Account> input = IntStream.range(0, 5).mapToObj(i -> Account.builder().name("Batch " + i)
                    .domain(unique("b" + i) + ".example.com").build()).toList();
            List<BatchItemResult<Account>> results = client.accounts().upsertAll(input);
            assertThat(results).extracting(BatchItemResult::index).containsExactly(0, 1, 2, 3, 4);
            assertThat(results).allSatisfy(r -> assertThat(r.isSuccess()).isTrue());
            assertThat(results).extracting(r -> r.result().record().domain())
                    .containsExactlyElementsOf(input.stream().map(Account::domain).toList());
        }

        @Test
        @DisplayName("changed-since returns only records changed after the instant")
        void changedSinceReturnsOnlyNewer() {
            requires(CrmCapability.ACCOUNTS);
            Account old = client.accounts().upsert(Account.builder().domain(unique("old") + ".example.com").build())
                    .record();
            advanceTime();
            Account fresh = client.accounts().upsert(Account.builder().domain(unique("new") + ".example.com").build())
                    .record();
            List<CrmId> changed = all(r -> client.accounts().changedSince(old.updatedAt(), r), 100).stream()
                    .filter(a -> a.domain() != null && a.domain().endsWith(run + ".example.com"))
                    .map(Account::id).toList();
            assertThat(changed).containsExactly(fresh.id());
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when accounts are not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.ACCOUNTS, client::accounts);
        }
    }

    @Nested
    @DisplayName("Notes")
    class Notes {

        private NoteTarget[] twoTargets() {
            if (client.supports(CrmCapability.CONTACTS)) {
                return new NoteTarget[] {
                        NoteTarget.contact(client.contacts().upsert(Contact.builder().email(email("note-a")).build()).id()),
                        NoteTarget.contact(client.contacts().upsert(Contact.builder().email(email("note-b")).build()).id())};
            }
            requires(CrmCapability.ACCOUNTS);
            return new NoteTarget[] {
                    NoteTarget.account(client.accounts().upsert(Account.builder().domain(unique("na") + ".example.com")
                            .build()).id()),
                    NoteTarget.account(client.accounts().upsert(Account.builder().domain(unique("nb") + ".example.com")
                            .build()).id())};
        }

        @Test
        @DisplayName("attach to the right target and list per target")
        void attachToTheRightTarget() {
            requires(CrmCapability.NOTES);
            NoteTarget[] targets = twoTargets();
            Note note = client.notes().create(targets[0], "Called about renewal " + run);
            assertThat(note.id()).isNotNull();
            assertThat(note.target()).isEqualTo(targets[0]);
            assertThat(all(r -> client.notes().list(targets[0], r), 50)).extracting(Note::id).containsExactly(note.id());
            assertThat(all(r -> client.notes().list(targets[0], r), 50)).extracting(Note::body)
                    .allSatisfy(b -> assertThat(b).contains("Called about renewal " + run));
            assertThat(all(r -> client.notes().list(targets[1], r), 50)).isEmpty();
        }

        @Test
        @DisplayName("attach to accounts")
        void attachToAccounts() {
            requires(CrmCapability.NOTES, CrmCapability.ACCOUNTS);
            CrmId account = client.accounts().upsert(Account.builder().domain(unique("noted") + ".example.com").build())
                    .id();
            Note note = client.notes().create(NoteTarget.account(account), "Account note " + run);
            assertThat(all(r -> client.notes().list(NoteTarget.account(account), r), 50)).extracting(Note::id)
                    .containsExactly(note.id());
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when notes are not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.NOTES, client::notes);
        }
    }

    @Nested
    @DisplayName("Opportunities")
    class Opportunities {

        private Opportunity seed(String name, String stage, String amount, LocalDate close) {
            stage(stage);
            Opportunity.Builder b = Opportunity.builder().name(name + " " + run).ownerId(opportunityOwnerId()).stage(stage)
                    .amount(new BigDecimal(amount)).currency("USD").closeDate(close);
            Opportunity o = seedOpportunity(b.build());
            assertThat(o.id()).as("seedOpportunity must return the stored opportunity with its id").isNotNull();
            return o;
        }

        private void stage(String stage) {
            if (seededStages.add(stage)) {
                seedStage(stage);
            }
        }

        @Test
        @DisplayName("search by stage, close date and amount finds exactly the matching ones")
        void searchFilters() {
            requires(CrmCapability.OPPORTUNITIES);
            String stage = "kit-" + run;
            LocalDate close = LocalDate.of(2031, 6, 15);
            Opportunity big = seed("Big", stage, "50000", close);
            seed("Small", stage, "500", close);
            seed("Late", stage, "60000", close.plusYears(1));
            OpportunitySearch search = OpportunitySearch.builder().ownerId(opportunityOwnerId()).stage(stage)
                    .minAmount(new BigDecimal("1000"))
                    .closeDateFrom(close.minusDays(1)).closeDateTo(close.plusDays(1)).build();
            assertThat(all(r -> client.opportunities().search(search, r), 50)).extracting(Opportunity::id)
                    .containsExactly(big.id());
        }

        @Test
        @DisplayName("update changes only stage and amount, and shows up in changed-since")
        void updateStageAndAmount() {
            requires(CrmCapability.OPPORTUNITIES);
            stage("kit-won-" + run);
            Opportunity o = seed("Deal", "kit-open-" + run, "1200", LocalDate.of(2031, 1, 31));
            Opportunity before = client.opportunities().get(o.id().value());
            advanceTime();
            Opportunity updated = client.opportunities().update(o.id().value(),
                    OpportunityUpdate.builder().amount(new BigDecimal("2400")).build());
            assertThat(updated.amount()).isEqualByComparingTo("2400");
            assertThat(updated.stage()).isEqualTo(before.stage());
            assertThat(updated.name()).isEqualTo(before.name());
            Opportunity staged = client.opportunities().update(o.id().value(),
                    OpportunityUpdate.builder().stage("kit-won-" + run).build());
            assertThat(staged.stage()).isEqualTo("kit-won-" + run);
            assertThat(staged.amount()).isEqualByComparingTo("2400");
            assertThat(all(r -> client.opportunities().changedSince(before.updatedAt(), r), 100))
                    .extracting(Opportunity::id).contains(o.id());
        }

        @Test
        @DisplayName("throws CrmNotFoundException for an unknown id")
        void unknownOpportunity() {
            requires(CrmCapability.OPPORTUNITIES);
            assertThatThrownBy(() -> client.opportunities().get(unknownId(CrmCapability.OPPORTUNITIES)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when opportunities are not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.OPPORTUNITIES, client::opportunities);
        }
    }

    @Nested
    @DisplayName("Sales orders")
    class SalesOrders {

        @Test
        @DisplayName("creating twice with one idempotency key gives one order")
        void idempotentCreate() {
            requires(CrmCapability.SALES_ORDERS);
            CrmId customer = seedCustomer("Order Co " + run);
            Product product = seedUniqueProduct("order", new BigDecimal("19.99"), Map.of("Main", new BigDecimal("100")));
            NewSalesOrder order = NewSalesOrder.builder().customerId(customer).idempotencyKey(unique("order-key"))
                    .line(new SalesOrderLine(product.id(), product.sku(), new BigDecimal("3"), new BigDecimal("19.99")))
                    .currency("USD").orderDate(LocalDate.of(2030, 5, 1)).build();
            UpsertResult<SalesOrder> first = client.salesOrders().create(order);
            UpsertResult<SalesOrder> second = client.salesOrders().create(order);
            assertThat(first.created()).isTrue();
            assertThat(second.created()).isFalse();
            assertThat(second.id()).isEqualTo(first.id());
            List<SalesOrder> orders = all(r -> client.salesOrders().search(
                    SalesOrderSearch.builder().customerId(customer).build(), r), 50);
            assertThat(orders).extracting(SalesOrder::id).containsExactly(first.id());
        }

        @Test
        @DisplayName("get returns the lines, total and customer")
        void getReturnsLines() {
            requires(CrmCapability.SALES_ORDERS);
            CrmId customer = seedCustomer("Lines Co " + run);
            Product a = seedUniqueProduct("la", new BigDecimal("10.00"), Map.of("Main", BigDecimal.TEN));
            Product b = seedUniqueProduct("lb", new BigDecimal("2.50"), Map.of("Main", BigDecimal.TEN));
            SalesOrder created = client.salesOrders().create(NewSalesOrder.builder().customerId(customer)
                    .idempotencyKey(unique("lines"))
                    .line(new SalesOrderLine(a.id(), a.sku(), new BigDecimal("2"), new BigDecimal("10.00")))
                    .line(new SalesOrderLine(b.id(), b.sku(), new BigDecimal("4"), new BigDecimal("2.50")))
                    .currency("USD").build()).record();
            SalesOrder got = client.salesOrders().get(created.id().value());
            assertThat(got.customerId()).isEqualTo(customer);
            assertThat(got.lines()).hasSize(2);
            assertThat(got.lines()).extracting(SalesOrderLine::sku).containsExactlyInAnyOrder(a.sku(), b.sku());
            assertThat(got.total()).isEqualByComparingTo("30.00");
            assertThat(got.status()).isNotNull();
        }

        @Test
        @DisplayName("throws CrmNotFoundException for an unknown id")
        void unknownOrder() {
            requires(CrmCapability.SALES_ORDERS);
            assertThatThrownBy(() -> client.salesOrders().get(unknownId(CrmCapability.SALES_ORDERS)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when sales orders are not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.SALES_ORDERS, client::salesOrders);
        }
    }

    @Nested
    @DisplayName("Products")
    class Products {

        @Test
        @DisplayName("are found by SKU, by id and by text search")
        void lookup() {
            requires(CrmCapability.PRODUCTS);
            Product p = seedUniqueProduct("find", new BigDecimal("99.00"), Map.of("Main", BigDecimal.ONE));
            assertThat(client.products().findBySku(p.sku())).get().satisfies(found -> {
                assertThat(found.id()).isEqualTo(p.id());
                assertThat(found.unitPrice()).isEqualByComparingTo("99.00");
            });
            assertThat(client.products().get(p.id().value()).sku()).isEqualTo(p.sku());
            assertThat(client.products().findBySku(unique("NO-SUCH-SKU").toUpperCase(Locale.ROOT))).isEmpty();
            assertThat(all(r -> client.products().search(run, r), 50)).extracting(Product::id).contains(p.id());
        }

        @Test
        @DisplayName("throws CrmNotFoundException for an unknown id")
        void unknownProduct() {
            requires(CrmCapability.PRODUCTS);
            assertThatThrownBy(() -> client.products().get(unknownId(CrmCapability.PRODUCTS)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when products are not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.PRODUCTS, client::products);
        }
    }

    @Nested
    @DisplayName("Inventory")
    class Inventory {

        @Test
        @DisplayName("reports availability per location for a SKU")
        void availabilityPerLocation() {
            requires(CrmCapability.INVENTORY);
            Product p = seedUniqueProduct("stock", new BigDecimal("5.00"),
                    Map.of("Berlin", new BigDecimal("12"), "Austin", new BigDecimal("3")));
            List<InventoryLevel> levels = client.inventory().availability(p.sku());
            Map<String, BigDecimal> byLocation = levels.stream()
                    .collect(Collectors.toMap(InventoryLevel::location, InventoryLevel::available));
            assertThat(byLocation).containsOnlyKeys("Berlin", "Austin");
            assertThat(byLocation.get("Berlin")).isEqualByComparingTo("12");
            assertThat(byLocation.get("Austin")).isEqualByComparingTo("3");
            assertThat(levels).allSatisfy(l -> assertThat(l.sku()).isEqualTo(p.sku()));
        }

        @Test
        @DisplayName("throws CrmNotFoundException for an unknown SKU")
        void unknownSku() {
            requires(CrmCapability.INVENTORY);
            assertThatThrownBy(() -> client.inventory().availability(unique("NO-SKU").toUpperCase(Locale.ROOT)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when inventory is not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.INVENTORY, client::inventory);
        }
    }

    @Nested
    @DisplayName("Customer credit")
    class CustomerCreditTests {

        @Test
        @DisplayName("reports credit limit, open balance and available credit")
        void creditInfo() {
            requires(CrmCapability.CUSTOMER_CREDIT);
            CrmId customer = seedCustomer("Credit Co " + run);
            seedCredit(customer, new BigDecimal("10000.00"), new BigDecimal("2500.00"), "USD");
            CustomerCredit credit = client.customers().credit(customer.value());
            assertThat(credit.customerId()).isEqualTo(customer);
            assertThat(credit.creditLimit()).isEqualByComparingTo("10000.00");
            assertThat(credit.openBalance()).isEqualByComparingTo("2500.00");
            assertThat(credit.availableCredit()).isEqualByComparingTo("7500.00");
            assertThat(credit.currency()).isEqualTo("USD");
        }

        @Test
        @DisplayName("throws CrmNotFoundException for an unknown account")
        void unknownAccount() {
            requires(CrmCapability.CUSTOMER_CREDIT);
            assertThatThrownBy(() -> client.customers().credit(unknownId(CrmCapability.CUSTOMER_CREDIT)))
                    .isInstanceOf(CrmNotFoundException.class);
        }

        @Test
        @DisplayName("throws UnsupportedCapabilityException when customer credit is not declared")
        void unsupported() {
            assertUnsupported(CrmCapability.CUSTOMER_CREDIT, client::customers);
        }
    }
}
