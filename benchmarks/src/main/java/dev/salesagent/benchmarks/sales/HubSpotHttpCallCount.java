package dev.salesagent.benchmarks.sales;

import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.crm.BatchItemResult;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.hubspot.HubSpotConfig;
import dev.salesagent.crm.hubspot.HubSpotCrmClient;
import dev.salesagent.crm.hubspot.sim.HubSpotSimulator;
import dev.salesagent.crm.spi.CrmConfig;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * HTTP requests per 1,000 leads when the CRM is the real HubSpot adapter ({@code sdk-crm-hubspot}) against its
 * WireMock simulator (the {@code sdk-crm-hubspot} test-jar), counted by endpoint from the requests the simulator
 * answered. Two runs of the same {@link LeadPipeline} on rules, each against a fresh simulator:
 * <ul>
 *   <li><b>batched</b>: the pipeline as shipped; accounts and contacts go through {@code upsertAll}, which the adapter
 *       chunks to HubSpot's batch limit of 100;</li>
 *   <li><b>one-by-one</b>: the same pipeline on a client whose {@code upsertAll} is replaced by one {@code upsert} per
 *       record, so only the write strategy differs.</li>
 * </ul>
 * The simulator enforces no request limit here (its default), and the client's own limiter is configured to
 * 100,000 requests per second ({@code rateLimitRequests}, {@code rateLimitPeriod}) so neither throttles the count;
 * a real portal allows 100-190 requests per 10 s, which turns the totals below into minimum wall time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.salesagent.benchmarks.sales.HubSpotHttpCallCount [leads] [threads]</pre>
 */
public final class HubSpotHttpCallCount {

    private static final String TOKEN = "pat-na1-benchmark-token";

    private HubSpotHttpCallCount() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Lead> leads = GeneratedLeads.generate(n, 7);

        Run batched = run(leads, threads, c -> c);
        Run single = run(leads, threads, HubSpotHttpCallCount::oneByOne);

        System.out.printf("leads: %d, pipeline threads: %d, rules agents, HubSpot adapter on its WireMock simulator%n",
                n, threads);
        System.out.printf("contacts created: %d / %d, accounts created: %d / %d (batched / one-by-one)%n",
                batched.result.crm().contactsCreated(), single.result.crm().contactsCreated(),
                batched.result.crm().accountsCreated(), single.result.crm().accountsCreated());
        System.out.println();
        System.out.println(table(batched.byEndpoint, single.byEndpoint, n));
    }

    record Run(PipelineResult result, Map<String, Integer> byEndpoint) {
    }

    static Run run(List<Lead> leads, int threads, Function<CrmClient, CrmClient> wrap) {
        HubSpotSimulator sim = HubSpotSimulator.launch().acceptToken(TOKEN);
        try (HubSpotCrmClient client = HubSpotCrmClient.builder(HubSpotConfig.from(CrmConfig.of(Map.of(
                HubSpotConfig.ACCESS_TOKEN, TOKEN, HubSpotConfig.BASE_URL, sim.baseUrl(),
                HubSpotConfig.RATE_LIMIT_REQUESTS, "100000", HubSpotConfig.RATE_LIMIT_PERIOD, "1s")))).build()) {
            PipelineResult r = LeadPipeline.builder().crm(wrap.apply(client)).threads(threads).build().run(leads);
            Map<String, Integer> counts = new TreeMap<>();
            for (HubSpotSimulator.Call call : sim.calls()) {
                counts.merge(call.method() + " " + endpoint(call.path()), 1, Integer::sum);
            }
            return new Run(r, counts);
        } finally {
            sim.stop();
        }
    }

    /** The path with record ids as {@code {id}} and e-mails (lookups by {@code idProperty=email}) as {@code {email}}. */
    static String endpoint(String path) {
        return path.replaceAll("^(/crm/v3/objects/[^/]+)/[^/]*(%40|@)[^/]*", "$1/{email}")
                .replaceAll("^(/crm/v3/objects/[^/]+)/(?!batch$|batch/|search$|\\{email})[^/]+", "$1/{id}")
                .replaceAll("/\\d+(?=/|$)", "/{id}");
    }

    static String table(Map<String, Integer> batched, Map<String, Integer> single, int leads) {
        TreeSet<String> endpoints = new TreeSet<>(batched.keySet());
        endpoints.addAll(single.keySet());
        int width = Math.max(8, endpoints.stream().mapToInt(String::length).max().orElse(8));
        StringBuilder sb = new StringBuilder();
        String fmt = "| %-" + width + "s | %8s | %10s |%n";
        sb.append(String.format(fmt, "endpoint", "batched", "one-by-one"));
        sb.append(String.format(fmt, "-".repeat(width), "-".repeat(8), "-".repeat(10)));
        int tb = 0;
        int ts = 0;
        for (String e : endpoints) {
            int b = batched.getOrDefault(e, 0);
            int s = single.getOrDefault(e, 0);
            tb += b;
            ts += s;
            sb.append(String.format(fmt, e, b, s));
        }
        sb.append(String.format(fmt, "total HTTP requests", tb, ts));
        sb.append(String.format("| %-" + width + "s | %8.2f | %10.2f |%n", "requests per lead", tb / (double) leads,
                ts / (double) leads));
        return sb.toString();
    }

    /** The client with {@code accounts().upsertAll} and {@code contacts().upsertAll} done as one upsert per record. */
    static CrmClient oneByOne(CrmClient delegate) {
        return (CrmClient) Proxy.newProxyInstance(CrmClient.class.getClassLoader(), new Class<?>[]{CrmClient.class},
                (p, m, a) -> {
                    Object result = invoke(m, delegate, a);
                    if (m.getName().equals("accounts") || m.getName().equals("contacts")) {
                        return singleUpserts(m.getReturnType(), result);
                    }
                    return result;
                });
    }

    private static Object singleUpserts(Class<?> type, Object ops) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, a) -> {
            if (!m.getName().equals("upsertAll")) {
                return invoke(m, ops, a);
            }
            List<?> records = (List<?>) a[0];
            if (records.isEmpty()) {
                return List.of();
            }
            Method upsert = type.getMethod("upsert", records.get(0).getClass()); // Account or Contact
            List<BatchItemResult<Object>> out = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                try {
                    @SuppressWarnings("unchecked")
                    dev.salesagent.crm.UpsertResult<Object> r =
                            (dev.salesagent.crm.UpsertResult<Object>) invoke(upsert, ops, new Object[]{records.get(i)});
                    out.add(BatchItemResult.success(i, r));
                } catch (CrmException e) {
                    out.add(BatchItemResult.failure(i, e));
                }
            }
            return out;
        });
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
