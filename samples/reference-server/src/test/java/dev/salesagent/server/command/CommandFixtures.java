package dev.salesagent.server.command;

import dev.salesagent.crm.Account;
import dev.salesagent.crm.Product;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import java.math.BigDecimal;
import java.util.Map;

/** A small CRM for one test tenant: one customer with credit, two products with stock. */
final class CommandFixtures {

    static final String CUSTOMER = "Acme Hat Company";
    static final String HAT_SKU = "HAT-100";
    static final String HAT = "Baseball Hat";
    static final BigDecimal HAT_PRICE = new BigDecimal("50.00");

    private CommandFixtures() {
    }

    /** Seeds the fixture; returns the customer's account id. */
    static String seed(InMemoryCrmClient crm) {
        Account acme = crm.seedAccount(Account.builder().name(CUSTOMER).country("US")
                .customFields(Map.of("region", "West")).build());
        crm.seedProduct(Product.builder().sku(HAT_SKU).name(HAT).unitPrice(HAT_PRICE).currency("USD").active(true)
                .customFields(Map.of("category", "Apparel")).build(), Map.of("Main", new BigDecimal("1000")));
        crm.seedProduct(Product.builder().sku("MUG-1").name("Coffee Mug").unitPrice(new BigDecimal("7.50"))
                .currency("USD").active(true).build(), Map.of("Main", new BigDecimal("20")));
        crm.seedCredit(acme.id().value(), new BigDecimal("100000"), BigDecimal.ZERO, "USD");
        return acme.id().value();
    }
}
