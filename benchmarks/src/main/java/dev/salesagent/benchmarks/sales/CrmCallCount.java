package dev.salesagent.benchmarks.sales;

import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.crm.Account;
import dev.salesagent.crm.Contact;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.memory.InMemoryCrmClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CRM calls per 1,000 leads: the pipeline's batched sync versus writing every account and contact one by one.
 * Counts SPI calls on the in-memory CRM and derives vendor requests from {@code maxBatchSize()} (100, as HubSpot's
 * batch upsert). This counts SPI calls; {@link HubSpotHttpCallCount} counts the HTTP requests of the real HubSpot
 * adapter against its simulator.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.salesagent.benchmarks.sales.CrmCallCount</pre>
 */
public final class CrmCallCount {

    private CrmCallCount() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Lead> leads = GeneratedLeads.generate(n, 7);

        Counter batched = new Counter(InMemoryCrmClient.create());
        PipelineResult r = LeadPipeline.builder().crm(batched.client).threads(2).build().run(leads);
        int batch = batched.client.contacts().maxBatchSize();
        int accounts = r.crm().accountsCreated() + r.crm().accountsUpdated();
        int contacts = r.crm().contactsCreated() + r.crm().contactsUpdated();
        Map<String, Integer> b = batched.snapshot();

        Counter single = new Counter(InMemoryCrmClient.create());
        for (Lead l : leads) {
            Lead x;
            try {
                x = l.normalized();
            } catch (RuntimeException e) {
                continue;
            }
            single.client.accounts().upsert(Account.builder().domain(x.domain()).name(x.company()).build());
            single.client.contacts().upsert(Contact.builder().email(x.email()).accountDomain(x.domain()).build());
        }
        Map<String, Integer> s = single.snapshot();

        System.out.println("leads: " + n + ", accounts written: " + accounts + ", contacts written: " + contacts
                + ", maxBatchSize: " + batch);
        System.out.println("batched pipeline SPI calls: " + b);
        int batchedWrites = ceil(accounts, batch) + ceil(contacts, batch);
        System.out.println("  account+contact write requests at " + batch + "/request: " + batchedWrites
                + " (+ " + b.getOrDefault("notes.create", 0) + " note creates, "
                + (b.getOrDefault("accounts.findByDomain", 0) + b.getOrDefault("contacts.findByEmail", 0))
                + " research/duplicate lookups)");
        System.out.println("one-by-one SPI calls: " + s);
        System.out.println("  account+contact write requests: " + (s.getOrDefault("accounts.upsert", 0)
                + s.getOrDefault("contacts.upsert", 0)));
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Counts calls per operation, e.g. {@code contacts.upsertAll}. */
    static final class Counter {
        private static final Set<String> GROUPS = Set.of("contacts", "accounts", "notes", "opportunities");
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final CrmClient client;

        Counter(CrmClient delegate) {
            this.client = (CrmClient) proxy(CrmClient.class, delegate, "");
        }

        Map<String, Integer> snapshot() {
            Map<String, Integer> m = new TreeMap<>();
            calls.forEach((k, v) -> m.put(k, v.get()));
            return m;
        }

        private Object proxy(Class<?> type, Object delegate, String prefix) {
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, a) -> {
                try {
                    Object result = m.invoke(delegate, a);
                    if (prefix.isEmpty() && GROUPS.contains(m.getName())) {
                        return proxy(m.getReturnType(), result, m.getName() + ".");
                    }
                    if (!prefix.isEmpty() && !m.getName().equals("maxBatchSize")) {
                        calls.computeIfAbsent(prefix + m.getName(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    return result;
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }
}
