package dev.salesagent.crm.spi;

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
import dev.salesagent.crm.UnsupportedCapabilityException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Base class of every adapter's client: declares capabilities from the operations supplied (and
 * {@link CrmCapability#CONTACT_DELETE} when the contact operations implement {@code delete}) and
 * guards the accessors, so no adapter can forget the {@link UnsupportedCapabilityException} rule.
 *
 * <pre>{@code
 * public final class HubSpotCrmClient extends AbstractCrmClient {
 *     HubSpotCrmClient(CrmHttpClient http) {
 *         super("hubspot", Operations.builder()
 *                 .contacts(new HubSpotContacts(http))
 *                 .accounts(new HubSpotCompanies(http))
 *                 .build());
 *         this.http = http;
 *     }
 *     protected void doClose() { http.close(); }
 * }
 * }</pre>
 */
public abstract class AbstractCrmClient implements CrmClient {

    /** The operations a client offers; a capability is declared exactly when its operations are set. */
    public static final class Operations {
        private final ContactOperations contacts;
        private final AccountOperations accounts;
        private final NoteOperations notes;
        private final OpportunityOperations opportunities;
        private final SalesOrderOperations salesOrders;
        private final ProductOperations products;
        private final InventoryOperations inventory;
        private final CustomerOperations customers;

        private Operations(Builder b) {
            contacts = b.contacts;
            accounts = b.accounts;
            notes = b.notes;
            opportunities = b.opportunities;
            salesOrders = b.salesOrders;
            products = b.products;
            inventory = b.inventory;
            customers = b.customers;
        }

        /** {@return a builder with no operations} */
        public static Builder builder() {
            return new Builder();
        }

        Set<CrmCapability> capabilities() {
            EnumSet<CrmCapability> set = EnumSet.noneOf(CrmCapability.class);
            if (contacts != null) set.add(CrmCapability.CONTACTS);
            if (contacts != null && implementsDelete(contacts)) set.add(CrmCapability.CONTACT_DELETE);
            if (accounts != null) set.add(CrmCapability.ACCOUNTS);
            if (notes != null) set.add(CrmCapability.NOTES);
            if (opportunities != null) set.add(CrmCapability.OPPORTUNITIES);
            if (salesOrders != null) set.add(CrmCapability.SALES_ORDERS);
            if (products != null) set.add(CrmCapability.PRODUCTS);
            if (inventory != null) set.add(CrmCapability.INVENTORY);
            if (customers != null) set.add(CrmCapability.CUSTOMER_CREDIT);
            return Collections.unmodifiableSet(set);
        }

        /** Whether the adapter's contact operations implement {@link ContactOperations#delete(String)} (not the default). */
        private static boolean implementsDelete(ContactOperations contacts) {
            try {
                return contacts.getClass().getMethod("delete", String.class).getDeclaringClass() != ContactOperations.class;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("ContactOperations.delete(String) is missing", e);
            }
        }

        /** Builder of {@link Operations}; leave out what the CRM cannot do. */
        public static final class Builder {
            private ContactOperations contacts;
            private AccountOperations accounts;
            private NoteOperations notes;
            private OpportunityOperations opportunities;
            private SalesOrderOperations salesOrders;
            private ProductOperations products;
            private InventoryOperations inventory;
            private CustomerOperations customers;

            private Builder() {
            }

            /**
             * The contacts operations; declares {@link CrmCapability#CONTACTS}, and {@link CrmCapability#CONTACT_DELETE}
             * when {@code ops} implements {@link ContactOperations#delete(String)} (the interface's default does not
             * count).
             *
             * @param ops the contact operations of the adapter
             * @return this builder
             */
            public Builder contacts(ContactOperations ops) { this.contacts = ops; return this; }
            /**
             * The accounts operations; declares {@link CrmCapability#ACCOUNTS}.
             *
             * @param ops the account operations of the adapter
             * @return this builder
             */
            public Builder accounts(AccountOperations ops) { this.accounts = ops; return this; }
            /**
             * The notes operations; declares {@link CrmCapability#NOTES}.
             *
             * @param ops the note operations of the adapter
             * @return this builder
             */
            public Builder notes(NoteOperations ops) { this.notes = ops; return this; }
            /**
             * The opportunities operations; declares {@link CrmCapability#OPPORTUNITIES}.
             *
             * @param ops the opportunity operations of the adapter
             * @return this builder
             */
            public Builder opportunities(OpportunityOperations ops) { this.opportunities = ops; return this; }
            /**
             * The salesOrders operations; declares {@link CrmCapability#SALES_ORDERS}.
             *
             * @param ops the sales order operations of the adapter
             * @return this builder
             */
            public Builder salesOrders(SalesOrderOperations ops) { this.salesOrders = ops; return this; }
            /**
             * The products operations; declares {@link CrmCapability#PRODUCTS}.
             *
             * @param ops the product operations of the adapter
             * @return this builder
             */
            public Builder products(ProductOperations ops) { this.products = ops; return this; }
            /**
             * The inventory operations; declares {@link CrmCapability#INVENTORY}.
             *
             * @param ops the inventory operations of the adapter
             * @return this builder
             */
            public Builder inventory(InventoryOperations ops) { this.inventory = ops; return this; }
            /**
             * The customers operations; declares {@link CrmCapability#CUSTOMER_CREDIT}.
             *
             * @param ops the customer (credit) operations of the adapter
             * @return this builder
             */
            public Builder customers(CustomerOperations ops) { this.customers = ops; return this; }

            /** {@return a new {@link Operations} from the values set} */
            public Operations build() {
                return new Operations(this);
            }
        }
    }

    private final String providerId;
    private final Operations operations;
    private final Set<CrmCapability> capabilities;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param providerId the provider id, e.g. {@code hubspot}
     * @param operations the operations this client offers
     */
    protected AbstractCrmClient(String providerId, Operations operations) {
        this.providerId = Objects.requireNonNull(providerId, "providerId");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.capabilities = operations.capabilities();
    }

    @Override
    public final String providerId() {
        return providerId;
    }

    @Override
    public final Set<CrmCapability> capabilities() {
        return capabilities;
    }

    @Override
    public final boolean supports(CrmCapability capability) {
        return capabilities.contains(capability);
    }

    @Override
    public final ContactOperations contacts() {
        return require(operations.contacts, CrmCapability.CONTACTS);
    }

    @Override
    public final AccountOperations accounts() {
        return require(operations.accounts, CrmCapability.ACCOUNTS);
    }

    @Override
    public final NoteOperations notes() {
        return require(operations.notes, CrmCapability.NOTES);
    }

    @Override
    public final OpportunityOperations opportunities() {
        return require(operations.opportunities, CrmCapability.OPPORTUNITIES);
    }

    @Override
    public final SalesOrderOperations salesOrders() {
        return require(operations.salesOrders, CrmCapability.SALES_ORDERS);
    }

    @Override
    public final ProductOperations products() {
        return require(operations.products, CrmCapability.PRODUCTS);
    }

    @Override
    public final InventoryOperations inventory() {
        return require(operations.inventory, CrmCapability.INVENTORY);
    }

    @Override
    public final CustomerOperations customers() {
        return require(operations.customers, CrmCapability.CUSTOMER_CREDIT);
    }

    /** Calls {@link #doClose()} the first time only. */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            doClose();
        }
    }

    /** Releases the adapter's resources (HTTP client, threads). Called at most once. Default: nothing. */
    protected void doClose() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[provider=" + providerId + ", capabilities=" + capabilities + "]";
    }

    private <T> T require(T ops, CrmCapability capability) {
        if (ops == null) {
            throw new UnsupportedCapabilityException(providerId, capability);
        }
        return ops;
    }
}
