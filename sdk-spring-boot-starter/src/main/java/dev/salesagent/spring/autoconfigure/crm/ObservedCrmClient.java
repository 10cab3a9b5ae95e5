package dev.salesagent.spring.autoconfigure.crm;

import dev.salesagent.crm.AccountOperations;
import dev.salesagent.crm.ContactOperations;
import dev.salesagent.crm.CrmCapability;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CustomerOperations;
import dev.salesagent.crm.InventoryOperations;
import dev.salesagent.crm.NoteOperations;
import dev.salesagent.crm.OpportunityOperations;
import dev.salesagent.crm.ProductOperations;
import dev.salesagent.crm.SalesOrderOperations;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link CrmClient} that wraps every operation call (e.g. {@code contacts.upsert}) in a Micrometer observation
 * {@value #OBSERVATION} with low-cardinality keys {@code crm.name} (the {@code salesagent.crm.<name>} entry),
 * {@code provider} and {@code operation}; with Spring Boot's meter observation handler this yields a timer of the
 * same name in the application's {@code MeterRegistry}, and a span with a tracing bridge. Exceptions pass through
 * unchanged.
 *
 * <p>Not redundant with the HTTP-level meters the provider records itself through
 * {@link dev.salesagent.crm.spi.CrmClientOptions} ({@code salesagent.crm.requests} per HTTP attempt,
 * {@code salesagent.crm.call} per HTTP call): this one is per {@code CrmClient} operation (a Salesforce order is one
 * operation and several HTTP calls; the {@code memory} sandbox makes none), it is their parent span, and it carries the
 * {@code crm.name} of the entry, which tells two entries of the same provider apart.
 */
final class ObservedCrmClient implements CrmClient {

    /** Observation (and timer) name. */
    static final String OBSERVATION = "salesagent.crm.operation";

    private final CrmClient delegate;
    private final String name;
    private final ObservationRegistry registry;

    private ObservedCrmClient(CrmClient delegate, String name, ObservationRegistry registry) {
        this.delegate = delegate;
        this.name = name;
        this.registry = registry;
    }

    /** {@code client} observed in {@code registry}, or {@code client} itself when the registry is null or no-op. */
    static CrmClient observe(CrmClient client, String name, ObservationRegistry registry) {
        Objects.requireNonNull(client, "client");
        return registry == null || registry.isNoop() ? client : new ObservedCrmClient(client, name, registry);
    }

    /** The wrapped client (e.g. to reach an adapter's own API). */
    CrmClient delegate() {
        return delegate;
    }

    @Override
    public String providerId() {
        return delegate.providerId();
    }

    @Override
    public Set<CrmCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public boolean supports(CrmCapability capability) {
        return delegate.supports(capability);
    }

    @Override
    public ContactOperations contacts() {
        return observed(ContactOperations.class, "contacts", delegate.contacts());
    }

    @Override
    public AccountOperations accounts() {
        return observed(AccountOperations.class, "accounts", delegate.accounts());
    }

    @Override
    public NoteOperations notes() {
        return observed(NoteOperations.class, "notes", delegate.notes());
    }

    @Override
    public OpportunityOperations opportunities() {
        return observed(OpportunityOperations.class, "opportunities", delegate.opportunities());
    }

    @Override
    public SalesOrderOperations salesOrders() {
        return observed(SalesOrderOperations.class, "salesOrders", delegate.salesOrders());
    }

    @Override
    public ProductOperations products() {
        return observed(ProductOperations.class, "products", delegate.products());
    }

    @Override
    public InventoryOperations inventory() {
        return observed(InventoryOperations.class, "inventory", delegate.inventory());
    }

    @Override
    public CustomerOperations customers() {
        return observed(CustomerOperations.class, "customers", delegate.customers());
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "Observed" + delegate;
    }

    private <T> T observed(Class<T> type, String group, T operations) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(p, method, args, operations);
            }
            String operation = group + "." + method.getName();
            Observation observation = Observation.createNotStarted(OBSERVATION, registry)
                    .contextualName("crm " + operation)
                    .lowCardinalityKeyValue("crm.name", name)
                    .lowCardinalityKeyValue("provider", delegate.providerId())
                    .lowCardinalityKeyValue("operation", operation)
                    .start();
            Observation.Scope scope = observation.openScope();
            try {
                return method.invoke(operations, args);
            } catch (InvocationTargetException e) {
                observation.error(e.getCause());
                throw e.getCause();
            } finally {
                scope.close();
                observation.stop();
            }
        });
        return type.cast(proxy);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Object target) throws Exception {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> method.invoke(target, args);
        };
    }
}
