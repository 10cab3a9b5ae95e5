package dev.salesagent.agents.sales.command;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.Opportunity;
import dev.salesagent.crm.OpportunitySearch;
import dev.salesagent.crm.Page;
import dev.salesagent.crm.PageRequest;
import dev.salesagent.crm.Product;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a router resolves mentions against: customers (account names), products, product categories, opportunity
 * stages and sales regions, as the CRM spells them. Immutable; build it once per data refresh with
 * {@link #from(CrmClient)} (pages through accounts, products and opportunities) or {@link #builder()}.
 *
 * <p>Categories and regions come from the custom fields {@code category}, {@code subCategory} (products) and
 * {@code region} (accounts), as the Superstore loader in {@code command.demo} writes them.
 */
public final class EntityCatalog {

    private final List<String> customers;
    private final List<String> products;
    private final List<String> categories;
    private final List<String> stages;
    private final List<String> regions;

    private EntityCatalog(Builder b) {
        this.customers = List.copyOf(b.customers);
        this.products = List.copyOf(b.products);
        this.categories = List.copyOf(b.categories);
        this.stages = List.copyOf(b.stages);
        this.regions = List.copyOf(b.regions);
    }

    /** {@return a new builder for an explicit catalog} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every account, product and opportunity of {@code crm} (pages of {@value PageRequest#MAX_SIZE}).
     *
     * @param crm the CRM to read, not null
     * @return the catalog: account names and {@code region} custom fields, product names and their {@code category}
     *         and {@code subCategory} custom fields, opportunity stages
     * @throws NullPointerException if {@code crm} is null
     * @throws dev.salesagent.crm.CrmException if the CRM fails
     */
    public static EntityCatalog from(CrmClient crm) {
        Objects.requireNonNull(crm, "crm");
        Builder b = builder();
        Page.stream(p -> crm.accounts().changedSince(Instant.EPOCH, p), PageRequest.MAX_SIZE).forEach(a -> {
            b.customer(a.name());
            region(a, b);
        });
        Page.stream(p -> crm.products().search("", p), PageRequest.MAX_SIZE).forEach(p -> {
            b.product(p.name());
            text(p, "category", b);
            text(p, "subCategory", b);
        });
        Page.stream(p -> crm.opportunities().search(OpportunitySearch.all(), p), PageRequest.MAX_SIZE)
                .map(Opportunity::stage).forEach(b::stage);
        return b.build();
    }

    private static void region(Account a, Builder b) {
        Object r = a.customFields().get("region");
        if (r instanceof String s && !s.isBlank()) {
            b.region(s);
        }
    }

    private static void text(Product p, String field, Builder b) {
        Object v = p.customFields().get(field);
        if (v instanceof String s && !s.isBlank()) {
            b.category(s);
        }
    }

    /** {@return customer (account) names, in CRM order, without duplicates; immutable} */
    public List<String> customers() {
        return customers;
    }

    /** {@return product names, in the order added, without duplicates; immutable} */
    public List<String> products() {
        return products;
    }

    /** {@return product category and sub-category names, sorted; immutable} */
    public List<String> categories() {
        return categories;
    }

    /** {@return opportunity stage names, sorted; immutable} */
    public List<String> stages() {
        return stages;
    }

    /** {@return sales region names, sorted; immutable} */
    public List<String> regions() {
        return regions;
    }

    /** Builder of {@link EntityCatalog}; null and blank names are ignored. */
    public static final class Builder {
        private final Set<String> customers = new LinkedHashSet<>();
        private final Set<String> products = new LinkedHashSet<>();
        private final Set<String> categories = new TreeSet<>();
        private final Set<String> stages = new TreeSet<>();
        private final Set<String> regions = new TreeSet<>();

        private Builder() {
        }

        /**
         * Adds a customer name.
         *
         * @param name an account name as the CRM spells it (stripped); null or blank is ignored
         * @return this builder
         */
        public Builder customer(String name) {
            add(customers, name);
            return this;
        }

        /**
         * Adds customer names.
         *
         * @param names account names; null or blank elements are ignored
         * @return this builder
         * @throws NullPointerException if {@code names} is null
         */
        public Builder customers(Collection<String> names) {
            names.forEach(this::customer);
            return this;
        }

        /**
         * Adds a product name.
         *
         * @param name a product name as the CRM spells it (stripped); null or blank is ignored
         * @return this builder
         */
        public Builder product(String name) {
            add(products, name);
            return this;
        }

        /**
         * Adds product names.
         *
         * @param names product names; null or blank elements are ignored
         * @return this builder
         * @throws NullPointerException if {@code names} is null
         */
        public Builder products(Collection<String> names) {
            names.forEach(this::product);
            return this;
        }

        /**
         * Adds a product category or sub-category.
         *
         * @param name e.g. {@code Furniture} or {@code Chairs} (stripped); null or blank is ignored
         * @return this builder
         */
        public Builder category(String name) {
            add(categories, name);
            return this;
        }

        /**
         * Adds an opportunity stage.
         *
         * @param name a stage as the CRM spells it, e.g. {@code Closed Won} (stripped); null or blank is ignored
         * @return this builder
         */
        public Builder stage(String name) {
            add(stages, name);
            return this;
        }

        /**
         * Adds a sales region.
         *
         * @param name a region as the data spells it, e.g. {@code West} (stripped); null or blank is ignored
         * @return this builder
         */
        public Builder region(String name) {
            add(regions, name);
            return this;
        }

        /** {@return an immutable catalog of the names added so far} */
        public EntityCatalog build() {
            return new EntityCatalog(this);
        }

        private static void add(Set<String> set, String name) {
            if (name != null && !name.isBlank()) {
                set.add(name.strip());
            }
        }
    }

    /** Every name list, for tests and diagnostics. */
    @Override
    public String toString() {
        return "EntityCatalog[" + customers.size() + " customers, " + products.size() + " products, "
                + new ArrayList<>(categories) + ", " + stages + ", " + regions + "]";
    }
}
