package dev.salesagent.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.LeadResult;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.agents.sales.scoring.Grade;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.spi.CrmConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The quickstart: reads a leads CSV, runs the lead pipeline (rules and the in-memory CRM unless model keys and a CRM
 * are configured by environment), writes one JSON object per row and prints a summary.
 *
 * <p>Exit codes: 0 done (even with rejected rows), 2 bad command line, file or configuration, 1 failure.
 */
final class Quickstart {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private Quickstart() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            return 2;
        }
        LeadCsv.Result csv;
        try (Reader reader = Files.newBufferedReader(options.leads(), StandardCharsets.UTF_8)) {
            csv = LeadCsv.read(reader);
        } catch (NoSuchFileException e) {
            err.println("leads file not found: " + options.leads());
            return 2;
        } catch (LeadCsv.BadHeaderException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot read " + options.leads() + ": " + e.getMessage());
            return 2;
        }

        CostTracker costs = CostTracker.inMemory();
        Optional<ModelRouter> router = Models.fromEnvironment(env, costs);
        CrmClient crm;
        try {
            crm = CrmClients.create(options.crm(), options.crm().equals("memory") ? CrmConfig.empty()
                    : CrmConfig.fromEnvironment(env, "SALESAGENT_CRM_" + options.crm().toUpperCase(Locale.ROOT) + "_"));
        } catch (CrmException e) {
            String prefix = "SALESAGENT_CRM_" + options.crm().toUpperCase(Locale.ROOT) + "_";
            err.println("cannot configure CRM '" + options.crm() + "': " + e.getMessage());
            err.println("set the keys as environment variables " + prefix + "<KEY> (upper snake case, e.g. accessToken -> "
                    + prefix + "ACCESS_TOKEN)");
            return 2;
        }
        out.println("Sales Agent SDK quickstart: " + csv.total() + " rows from " + options.leads() + ", "
                + (router.isPresent() ? "model " + router.get().endpoints().stream().map(x -> x.model()).toList()
                : "rules (no OPENAI_API_KEY or ANTHROPIC_API_KEY set)") + ", CRM " + crm.providerId()
                + ", " + options.threads() + " thread(s)");

        long started = System.nanoTime();
        ProgressBar bar = new ProgressBar(err, System.console() != null);
        PipelineResult result;
        try (crm) {
            LeadPipeline pipeline = LeadPipeline.builder()
                    .crm(crm)
                    .agents(SalesAgents.builder().chatModel(router.orElse(null))
                            .modelOptions(ModelOptions.defaults().withBatchSize(options.scoreBatch())).build())
                    .batchScoring(options.scoreBatch() > 1)
                    .maxCostUsd(options.maxCostUsd())
                    .threads(options.threads())
                    .progress((lead, done, total) -> bar.update(done, total))
                    .build();
            result = pipeline.run(csv.rows().stream().map(LeadCsv.Row::lead).toList());
            bar.finish();
        } catch (RuntimeException e) {
            bar.finish();
            err.println("pipeline failed: " + e);
            return 1;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        try {
            write(options, csv, result);
        } catch (IOException e) {
            err.println("cannot write " + options.out() + ": " + e.getMessage());
            return 1;
        }
        printSummary(out, options, csv, result, costs, took);
        return 0;
    }

    /** One JSON object per CSV data row, in row order: the lead's result, or the rejection reason. */
    static void write(Options options, LeadCsv.Result csv, PipelineResult result) throws IOException {
        List<ObjectNode> lines = new ArrayList<>(csv.total());
        for (int i = 0; i < csv.rows().size(); i++) {
            ObjectNode node = JSON.createObjectNode();
            node.put("row", csv.rows().get(i).row());
            node.setAll((ObjectNode) JSON.valueToTree(result.leads().get(i)));
            node.remove("index");
            lines.add(node);
        }
        for (LeadCsv.Rejected r : csv.rejected()) {
            ObjectNode node = JSON.createObjectNode();
            node.put("row", r.row());
            node.put("id", "row-" + r.row());
            node.put("error", r.reason());
            lines.add(node);
        }
        lines.sort(Comparator.comparingInt(n -> n.get("row").asInt()));
        if (options.out().toAbsolutePath().getParent() != null) {
            Files.createDirectories(options.out().toAbsolutePath().getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8)) {
            for (ObjectNode n : lines) {
                w.write(JSON.writeValueAsString(n));
                w.newLine();
            }
        }
    }

    static void printSummary(PrintStream out, Options options, LeadCsv.Result csv, PipelineResult result,
                             CostTracker costs, Duration took) {
        List<LeadResult> scored = result.leads().stream().filter(LeadResult::ok).toList();
        Map<Grade, Integer> byGrade = new EnumMap<>(Grade.class);
        for (Grade g : Grade.values()) {
            byGrade.put(g, 0);
        }
        scored.forEach(l -> byGrade.merge(l.grade(), 1, Integer::sum));
        List<String> rejected = new ArrayList<>();
        csv.rejected().forEach(r -> rejected.add("row " + r.row() + ": " + r.reason()));
        for (int i = 0; i < csv.rows().size(); i++) {
            LeadResult l = result.leads().get(i);
            if (!l.ok()) {
                rejected.add("row " + csv.rows().get(i).row() + ": " + l.error());
            }
        }
        rejected.sort(Comparator.comparingInt(s -> Integer.parseInt(s.substring(4, s.indexOf(':')))));

        out.println();
        out.printf(Locale.US, "Processed %d rows in %.1f s: %d scored, %d rejected%n", csv.total(),
                took.toMillis() / 1000.0, scored.size(), rejected.size());
        out.printf("Grades: A %d | B %d | C %d | D %d%n", byGrade.get(Grade.A), byGrade.get(Grade.B),
                byGrade.get(Grade.C), byGrade.get(Grade.D));
        out.println();
        out.println("Top 10 leads:");
        List<LeadResult> top = scored.stream()
                .sorted(Comparator.comparing(LeadResult::score, Comparator.reverseOrder())
                        .thenComparingInt(LeadResult::index))
                .limit(10).toList();
        for (int i = 0; i < top.size(); i++) {
            LeadResult l = top.get(i);
            out.printf(Locale.US, "%3d. %3d %s  %-28s %s%n", i + 1, l.score(), l.grade(),
                    l.company() != null ? l.company() : l.domain(), l.email() != null ? l.email() : "");
        }
        out.println();
        out.println("Rows rejected: " + rejected.size());
        rejected.forEach(r -> out.println("  " + r));
        out.println();
        var crm = result.crm();
        if (crm != null) {
            out.printf("CRM %s: accounts %d created, %d updated; contacts %d created, %d updated; notes %d; "
                            + "failed records %d; %d batch upsert call(s)%n", crm.provider(), crm.accountsCreated(),
                    crm.accountsUpdated(), crm.contactsCreated(), crm.contactsUpdated(), crm.notesCreated(),
                    crm.failedRecords(), crm.batchCalls());
        }
        out.println();
        Map<String, UsageStore.Totals> byFeature = costs.totalsBy(UsageStore.Dimension.FEATURE, UsageStore.Query.all());
        if (byFeature.isEmpty()) {
            out.println("Cost: 0.00 USD, 0 tokens (rules only, no model calls)");
        } else {
            out.println("Cost by feature and model:");
            UsageStore.Totals total = UsageStore.Totals.ZERO;
            for (Map.Entry<String, UsageStore.Totals> f : byFeature.entrySet()) {
                Map<String, UsageStore.Totals> byModel = costs.totalsBy(UsageStore.Dimension.MODEL,
                        new UsageStore.Query(null, null, f.getKey(), null, null, null));
                for (Map.Entry<String, UsageStore.Totals> m : byModel.entrySet()) {
                    printCost(out, f.getKey(), m.getKey(), m.getValue());
                }
                total = add(total, f.getValue());
            }
            printCost(out, "total", "", total);
        }
        if (result.status() == PipelineResult.Status.BUDGET_EXCEEDED) {
            long refused = result.leads().stream()
                    .filter(l -> l.error() != null && l.error().startsWith("BudgetExceededException:")).count();
            out.println("Cost limit of " + options.maxCostUsd().toPlainString() + " USD reached: " + refused
                    + " lead(s) not finished (listed as rejected), the others were written");
        }
        out.println();
        out.println("Results: " + options.out() + " (" + csv.total() + " lines)");
    }

    private static void printCost(PrintStream out, String feature, String model, UsageStore.Totals t) {
        out.printf(Locale.US, "  %-22s %-26s %5d calls %,10d in %,9d out tokens %12s USD%s%n", feature, model,
                t.calls(), t.inputTokens() + t.cachedInputTokens() + t.cacheWriteTokens(), t.outputTokens(),
                t.costUsd().setScale(6, RoundingMode.HALF_UP).toPlainString(),
                t.unpricedCalls() > 0 ? " (" + t.unpricedCalls() + " unpriced)" : "");
    }

    private static UsageStore.Totals add(UsageStore.Totals a, UsageStore.Totals b) {
        return new UsageStore.Totals(a.calls() + b.calls(), a.cacheHits() + b.cacheHits(),
                a.unpricedCalls() + b.unpricedCalls(), a.inputTokens() + b.inputTokens(),
                a.cachedInputTokens() + b.cachedInputTokens(), a.cacheWriteTokens() + b.cacheWriteTokens(),
                a.outputTokens() + b.outputTokens(), a.costUsd().add(b.costUsd() == null ? BigDecimal.ZERO : b.costUsd()));
    }
}
