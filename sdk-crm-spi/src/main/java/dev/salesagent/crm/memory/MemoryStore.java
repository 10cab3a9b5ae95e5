package dev.salesagent.crm.memory;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.CrmId;
import dev.salesagent.crm.CrmNotFoundException;
import dev.salesagent.crm.CrmValidationException;
import dev.salesagent.crm.CrmValidationException.FieldError;
import dev.salesagent.crm.CustomerCredit;
import dev.salesagent.crm.CustomerOperations;
import dev.salesagent.crm.ErrorDetails;
import dev.salesagent.crm.InventoryLevel;
import dev.salesagent.crm.InventoryOperations;
import dev.salesagent.crm.spi.NaturalKeys;
import dev.salesagent.crm.NewSalesOrder;
import dev.salesagent.crm.Note;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.NoteTarget;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.OpportunityUpdate;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.ProductOperations;
import dev.salesagent.crm.SalesOrder;
import dev.salesagent.crm.SalesOrderLine;
import dev.salesagent.crm.SalesOrderOperations;
import dev.salesagent.crm.SalesOrderSearch;
import dev.salesagent.crm.SalesOrderStatus;
import dev.salesagent.crm.UpsertResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The in-memory CRM's data and rules. Every public entry point holds the store's monitor, so the
 * store is thread-safe and upserts by natural key are atomic (no duplicate under concurrency).
 */
final class MemoryStore {

    private static final String PROVIDER = MemoryCrmClientProvider.ID;
    private static final ErrorDetails DETAILS = ErrorDetails.of(PROVIDER);
    private static final String DEFAULT_CURRENCY = "USD";

    private final Clock clock;
    private final int maxBatchSize;
    private long sequence;

    private final Table<Contact> contacts = new Table<>();
    private final Table<Account> accounts = new Table<>();
    private final Table<Opportunity> opportunities = new Table<>();
    private final Table<Note> notes = new Table<>();
    private final Table<SalesOrder> orders = new Table<>();
    private final Table<Product> products = new Table<>();
    private final Map<String, Map<String, BigDecimal>> stockBySku = new HashMap<>();
    private final Map<String, CustomerCredit> credits = new HashMap<>();

    final ContactOperations contactOps = new Contacts();
    final AccountOperations accountOps = new Accounts();
    final NoteOperations noteOps = new Notes();
    final OpportunityOperations opportunityOps = new Opportunities();
    final SalesOrderOperations orderOps = new Orders();
    final ProductOperations productOps = new Products();
    final InventoryOperations inventoryOps = new Inventory();
    final CustomerOperations customerOps = new Customers();

    MemoryStore(Clock clock, int maxBatchSize) {
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
    }

    // ---------------------------------------------------------------- seeding (read-only entities)

    synchronized Product seedProduct(Product product, Map<String, BigDecimal> stockByLocation) {
        if (product.sku() == null || product.sku().isBlank()) {
            throw validation("product sku is required", new FieldError("sku", "REQUIRED", "sku is required"));
        }
        Instant now = clock.instant();
        Optional<Table.Row<Product>> existing = products.byKey(product.sku());
        long seq = existing.map(Table.Row::seq).orElseGet(this::next);
        CrmId id = existing.map(r -> r.record().id()).orElseGet(() -> newId("product", seq));
        Product stored = product.toBuilder().id(id).currency(orDefault(product.currency()))
                .createdAt(existing.map(r -> r.record().createdAt()).orElse(now)).updatedAt(now).build();
        products.put(id.value(), stored.sku(), new Table.Row<>(stored, seq, next(), now));
        stockBySku.put(stored.sku(), new TreeMap<>(stockByLocation));
        return stored;
    }

    synchronized CustomerCredit seedCredit(String accountId, BigDecimal creditLimit, BigDecimal openBalance,
                                           String currency) {
        Account account = accounts.get(accountId).map(Table.Row::record)
                .orElseThrow(() -> notFound("account", accountId));
        CustomerCredit credit = new CustomerCredit(account.id(), creditLimit, openBalance, orDefault(currency));
        credits.put(accountId, credit);
        return credit;
    }

    synchronized Opportunity seedOpportunity(Opportunity opportunity) {
        if (opportunity.accountId() != null) {
            requireExists(accounts, opportunity.accountId().value(), "account");
        }
        Instant now = clock.instant();
        long seq = next();
        CrmId id = newId("opportunity", seq);
        Opportunity stored = opportunity.toBuilder().id(id).currency(orDefault(opportunity.currency()))
                .createdAt(now).updatedAt(now).build();
        opportunities.put(id.value(), null, new Table.Row<>(stored, seq, next(), now));
        return stored;
    }

    synchronized Account seedAccount(Account account) {
        Instant now = clock.instant();
        long seq = next();
        CrmId id = newId("account", seq);
        Account stored = account.toBuilder().id(id)
                .createdAt(account.createdAt() != null ? account.createdAt() : now)
                .updatedAt(account.updatedAt() != null ? account.updatedAt() : now).build();
        accounts.put(id.value(), stored.domain(), new Table.Row<>(stored, seq, next(), now));
        return stored;
    }

    synchronized SalesOrder seedSalesOrder(SalesOrder order) {
        if (order.customerId() == null) {
            throw validation("customerId is required", new FieldError("customerId", "REQUIRED", "customerId is required"));
        }
        if (order.lines().isEmpty()) {
            throw validation("a sales order needs lines", new FieldError("lines", "REQUIRED", "at least one line"));
        }
        if (order.idempotencyKey() != null && orders.byKey(order.idempotencyKey()).isPresent()) {
            throw validation("idempotency key already used", new FieldError("idempotencyKey", "DUPLICATE",
                    order.idempotencyKey()));
        }
        requireExists(accounts, order.customerId().value(), "account");
        List<SalesOrderLine> lines = new ArrayList<>();
        for (SalesOrderLine line : order.lines()) {
            Product p = line.productId() != null
                    ? requireExists(products, line.productId().value(), "product")
                    : products.byKey(line.sku()).map(Table.Row::record)
                            .orElseThrow(() -> notFound("product with sku", line.sku()));
            lines.add(new SalesOrderLine(p.id(), p.sku(), line.quantity(), line.unitPrice()));
        }
        Instant now = clock.instant();
        long seq = next();
        CrmId id = newId("salesorder", seq);
        BigDecimal total = order.total() != null ? order.total()
                : lines.stream().map(SalesOrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        SalesOrder stored = order.toBuilder().id(id).lines(lines).total(total)
                .status(order.status() != null ? order.status() : SalesOrderStatus.PENDING)
                .currency(orDefault(order.currency()))
                .orderDate(order.orderDate() != null ? order.orderDate() : LocalDate.ofInstant(now, clock.getZone()))
                .createdAt(order.createdAt() != null ? order.createdAt() : now)
                .updatedAt(order.updatedAt() != null ? order.updatedAt() : now).build();
        orders.put(id.value(), stored.idempotencyKey(), new Table.Row<>(stored, seq, next(), now));
        return stored;
    }

    synchronized SalesOrder updateOrderStatus(String orderId, SalesOrderStatus status) {
        Table.Row<SalesOrder> row = orders.get(orderId).orElseThrow(() -> notFound("sales order", orderId));
        Instant now = clock.instant();
        SalesOrder updated = row.record().toBuilder().status(status).updatedAt(now).build();
        orders.put(orderId, updated.idempotencyKey(), new Table.Row<>(updated, row.seq(), next(), now));
        return updated;
    }

    // ---------------------------------------------------------------- helpers

    private long next() {
        return ++sequence;
    }

    private static CrmId newId(String type, long seq) {
        return new CrmId(PROVIDER, type + "-" + seq);
    }

    private static String orDefault(String currency) {
        return currency == null ? DEFAULT_CURRENCY : currency.toUpperCase(Locale.ROOT);
    }

    private static CrmNotFoundException notFound(String type, String id) {
        return new CrmNotFoundException(type + " '" + id + "' not found", DETAILS);
    }

    private static CrmValidationException validation(String message, FieldError... errors) {
        return new CrmValidationException(message, DETAILS, List.of(errors));
    }

    private static <T> T requireExists(Table<T> table, String id, String type) {
        return table.get(id).map(Table.Row::record).orElseThrow(() -> notFound(type, id));
    }

    private static Map<String, Object> merge(Map<String, Object> old, Map<String, Object> update) {
        Map<String, Object> m = new LinkedHashMap<>(old);
        m.putAll(update);
        return m;
    }

    private static <T> T pick(T update, T old) {
        return update != null ? update : old;
    }

    private <T> List<BatchItemResult<T>> batch(List<T> items, Function<T, UpsertResult<T>> upsert) {
        List<BatchItemResult<T>> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                results.add(BatchItemResult.success(i, upsert.apply(items.get(i))));
            } catch (CrmException e) {
                results.add(BatchItemResult.failure(i, e));
            }
        }
        return results;
    }

    // ---------------------------------------------------------------- contacts

    private synchronized UpsertResult<Contact> upsertContact(Contact in) {
        Optional<CrmValidationException> emailProblem = NaturalKeys.contactEmailProblem(in.email(), DETAILS);
        if (emailProblem.isPresent()) {
            throw emailProblem.get();
        }
        CrmId accountId = in.accountId();
        if (accountId != null) {
            requireExists(accounts, accountId.value(), "account");
        } else if (in.accountDomain() != null) {
            accountId = accounts.byKey(in.accountDomain()).map(r -> r.record().id()).orElse(null);
        }
        Instant now = clock.instant();
        Optional<Table.Row<Contact>> existing = contacts.byKey(in.email());
        if (existing.isEmpty()) {
            long seq = next();
            CrmId id = newId("contact", seq);
            Contact stored = in.toBuilder().id(id).accountId(accountId).createdAt(now).updatedAt(now).build();
            contacts.put(id.value(), stored.email(), new Table.Row<>(stored, seq, next(), now));
            return UpsertResult.ofCreated(stored);
        }
        Contact old = existing.get().record();
        Contact stored = old.toBuilder()
                .firstName(pick(in.firstName(), old.firstName()))
                .lastName(pick(in.lastName(), old.lastName()))
                .title(pick(in.title(), old.title()))
                .phone(pick(in.phone(), old.phone()))
                .accountId(pick(accountId, old.accountId()))
                .accountDomain(pick(in.accountDomain(), old.accountDomain()))
                .customFields(merge(old.customFields(), in.customFields()))
                .updatedAt(now).build();
        contacts.put(old.id().value(), stored.email(), new Table.Row<>(stored, existing.get().seq(), next(), now));
        return UpsertResult.ofUpdated(stored);
    }

    private final class Contacts implements ContactOperations {
        @Override
        public UpsertResult<Contact> upsert(Contact contact) {
            return upsertContact(contact);
        }

        @Override
        public List<BatchItemResult<Contact>> upsertAll(List<Contact> list) {
            return batch(list, MemoryStore.this::upsertContact);
        }

        @Override
        public int maxBatchSize() {
            return maxBatchSize;
        }

        @Override
        public Optional<Contact> findByEmail(String email) {
            synchronized (MemoryStore.this) {
                return contacts.byKey(Contact.normalizeEmail(email)).map(Table.Row::record);
            }
        }

        @Override
        public Contact get(String id) {
            synchronized (MemoryStore.this) {
                return requireExists(contacts, id, "contact");
            }
        }

        @Override
        public Page<Contact> changedSince(Instant since, PageRequest page) {
            synchronized (MemoryStore.this) {
                return contacts.pageChangedSince(since, page);
            }
        }

        /** Removes the contact (its notes stay, as in most CRMs); an unknown id is {@link CrmNotFoundException}. */
        @Override
        public void delete(String id) {
            synchronized (MemoryStore.this) {
                contacts.remove(id, Contact::email).orElseThrow(() -> notFound("contact", id));
            }
        }
    }

    // ---------------------------------------------------------------- accounts

    private synchronized UpsertResult<Account> upsertAccount(Account in) {
        Optional<CrmValidationException> domainProblem = NaturalKeys.accountDomainProblem(in.domain(), DETAILS);
        if (domainProblem.isPresent()) {
            throw domainProblem.get();
        }
        if (in.employees() != null && in.employees() < 0) {
            throw validation("employees must not be negative",
                    new FieldError("employees", "INVALID_NUMBER", "negative: " + in.employees()));
        }
        Instant now = clock.instant();
        Optional<Table.Row<Account>> existing = accounts.byKey(in.domain());
        if (existing.isEmpty()) {
            long seq = next();
            CrmId id = newId("account", seq);
            Account stored = in.toBuilder().id(id).createdAt(now).updatedAt(now).build();
            accounts.put(id.value(), stored.domain(), new Table.Row<>(stored, seq, next(), now));
            return UpsertResult.ofCreated(stored);
        }
        Account old = existing.get().record();
        Account stored = old.toBuilder()
                .name(pick(in.name(), old.name()))
                .industry(pick(in.industry(), old.industry()))
                .employees(pick(in.employees(), old.employees()))
                .annualRevenue(pick(in.annualRevenue(), old.annualRevenue()))
                .country(pick(in.country(), old.country()))
                .phone(pick(in.phone(), old.phone()))
                .customFields(merge(old.customFields(), in.customFields()))
                .updatedAt(now).build();
        accounts.put(old.id().value(), stored.domain(), new Table.Row<>(stored, existing.get().seq(), next(), now));
        return UpsertResult.ofUpdated(stored);
    }

    private final class Accounts implements AccountOperations {
        @Override
        public UpsertResult<Account> upsert(Account account) {
            return upsertAccount(account);
        }

        @Override
        public List<BatchItemResult<Account>> upsertAll(List<Account> list) {
            return batch(list, MemoryStore.this::upsertAccount);
        }

        @Override
        public int maxBatchSize() {
            return maxBatchSize;
        }

        @Override
        public Optional<Account> findByDomain(String domain) {
            synchronized (MemoryStore.this) {
                return accounts.byKey(Account.normalizeDomain(domain)).map(Table.Row::record);
            }
        }

        @Override
        public Account get(String id) {
            synchronized (MemoryStore.this) {
                return requireExists(accounts, id, "account");
            }
        }

        @Override
        public Page<Account> changedSince(Instant since, PageRequest page) {
            synchronized (MemoryStore.this) {
                return accounts.pageChangedSince(since, page);
            }
        }
    }

    // ---------------------------------------------------------------- notes

    private void requireTarget(NoteTarget target) {
        String id = target.id().value();
        switch (target.type()) {
            case CONTACT -> requireExists(contacts, id, "contact");
            case ACCOUNT -> requireExists(accounts, id, "account");
            case OPPORTUNITY -> requireExists(opportunities, id, "opportunity");
        }
    }

    private final class Notes implements NoteOperations {
        @Override
        public Note create(NoteTarget target, String body) {
            synchronized (MemoryStore.this) {
                if (body == null || body.isBlank()) {
                    throw validation("note body is required", new FieldError("body", "REQUIRED", "body is blank"));
                }
                requireTarget(target);
                Instant now = clock.instant();
                long seq = next();
                CrmId id = newId("note", seq);
                Note note = Note.builder().id(id).target(target).body(body).timestamp(now).createdAt(now).build();
                notes.put(id.value(), null, new Table.Row<>(note, seq, next(), now));
                return note;
            }
        }

        @Override
        public Page<Note> list(NoteTarget target, PageRequest page) {
            synchronized (MemoryStore.this) {
                requireTarget(target);
                return notes.pageBySeq(n -> n.target().equals(target), page);
            }
        }
    }

    // ---------------------------------------------------------------- opportunities

    private final class Opportunities implements OpportunityOperations {
        @Override
        public Page<Opportunity> search(OpportunitySearch search, PageRequest page) {
            synchronized (MemoryStore.this) {
                return opportunities.pageBySeq(search::matches, page);
            }
        }

        @Override
        public Opportunity get(String id) {
            synchronized (MemoryStore.this) {
                return requireExists(opportunities, id, "opportunity");
            }
        }

        @Override
        public Opportunity update(String id, OpportunityUpdate update) {
            synchronized (MemoryStore.this) {
                Table.Row<Opportunity> row = opportunities.get(id).orElseThrow(() -> notFound("opportunity", id));
                if (update.amount() != null && update.amount().signum() < 0) {
                    throw validation("amount must not be negative",
                            new FieldError("amount", "INVALID_NUMBER", "negative: " + update.amount()));
                }
                if (update.stage() != null && update.stage().isBlank()) {
                    throw validation("stage must not be blank", new FieldError("stage", "REQUIRED", "blank stage"));
                }
                Instant now = clock.instant();
                Opportunity updated = update.applyTo(row.record()).toBuilder().updatedAt(now).build();
                opportunities.put(id, null, new Table.Row<>(updated, row.seq(), next(), now));
                return updated;
            }
        }

        @Override
        public Page<Opportunity> changedSince(Instant since, PageRequest page) {
            synchronized (MemoryStore.this) {
                return opportunities.pageChangedSince(since, page);
            }
        }
    }

    // ---------------------------------------------------------------- sales orders

    private final class Orders implements SalesOrderOperations {
        @Override
        public UpsertResult<SalesOrder> create(NewSalesOrder order) {
            synchronized (MemoryStore.this) {
                Optional<Table.Row<SalesOrder>> existing = orders.byKey(order.idempotencyKey());
                if (existing.isPresent()) {
                    return UpsertResult.ofUpdated(existing.get().record());
                }
                requireExists(accounts, order.customerId().value(), "account");
                List<SalesOrderLine> lines = new ArrayList<>();
                for (SalesOrderLine line : order.lines()) {
                    Product p = line.productId() != null
                            ? requireExists(products, line.productId().value(), "product")
                            : products.byKey(line.sku()).map(Table.Row::record)
                                    .orElseThrow(() -> notFound("product with sku", line.sku()));
                    lines.add(new SalesOrderLine(p.id(), p.sku(), line.quantity(), line.unitPrice()));
                }
                Instant now = clock.instant();
                long seq = next();
                CrmId id = newId("salesorder", seq);
                Map<String, Object> custom = order.memo() == null ? Map.of() : Map.of("memo", order.memo());
                SalesOrder stored = SalesOrder.builder().id(id).customerId(order.customerId())
                        .idempotencyKey(order.idempotencyKey()).lines(lines).status(SalesOrderStatus.PENDING)
                        .total(order.linesTotal()).currency(orDefault(order.currency()))
                        .orderDate(order.orderDate() != null ? order.orderDate() : LocalDate.ofInstant(now, clock.getZone()))
                        .createdAt(now).updatedAt(now).customFields(custom).build();
                orders.put(id.value(), stored.idempotencyKey(), new Table.Row<>(stored, seq, next(), now));
                return UpsertResult.ofCreated(stored);
            }
        }

        @Override
        public SalesOrder get(String id) {
            synchronized (MemoryStore.this) {
                return requireExists(orders, id, "sales order");
            }
        }

        @Override
        public Page<SalesOrder> search(SalesOrderSearch search, PageRequest page) {
            synchronized (MemoryStore.this) {
                return orders.pageBySeq(search::matches, page);
            }
        }
    }

    // ---------------------------------------------------------------- products, inventory, credit

    private final class Products implements ProductOperations {
        @Override
        public Optional<Product> findBySku(String sku) {
            synchronized (MemoryStore.this) {
                return products.byKey(sku).map(Table.Row::record);
            }
        }

        @Override
        public Product get(String id) {
            synchronized (MemoryStore.this) {
                return requireExists(products, id, "product");
            }
        }

        @Override
        public Page<Product> search(String text, PageRequest page) {
            String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            synchronized (MemoryStore.this) {
                return products.pageBySeq(p -> needle.isEmpty() || contains(p.sku(), needle)
                        || contains(p.name(), needle) || contains(p.description(), needle), page);
            }
        }

        private boolean contains(String haystack, String needle) {
            return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
        }
    }

    private final class Inventory implements InventoryOperations {
        @Override
        public List<InventoryLevel> availability(String sku) {
            synchronized (MemoryStore.this) {
                Product p = products.byKey(sku).map(Table.Row::record)
                        .orElseThrow(() -> notFound("product with sku", sku));
                Instant now = clock.instant();
                return stockBySku.getOrDefault(sku, Map.of()).entrySet().stream()
                        .map(e -> new InventoryLevel(p.id(), p.sku(), e.getKey(), e.getValue(), e.getValue(), now))
                        .toList();
            }
        }
    }

    private final class Customers implements CustomerOperations {
        @Override
        public CustomerCredit credit(String accountId) {
            synchronized (MemoryStore.this) {
                Account account = requireExists(accounts, accountId, "account");
                CustomerCredit seeded = credits.get(accountId);
                return seeded != null ? seeded : new CustomerCredit(account.id(), null, BigDecimal.ZERO, DEFAULT_CURRENCY);
            }
        }
    }
}
