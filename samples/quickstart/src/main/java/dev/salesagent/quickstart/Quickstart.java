package dev.salesagent.quickstart;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.salesagent.agents.sales.ModelOptions;
import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.lead.LeadCsv;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.LeadResult;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.agents.sales.scoring.IdealCustomerProfile;
import dev.salesagent.core.cost.CostTracker;
import dev.salesagent.core.cost.UsageStore;
import dev.salesagent.core.model.ModelRouter;
import dev.salesagent.crm.CrmClient;
import dev.salesagent.crm.CrmClients;
import dev.salesagent.crm.CrmException;
import dev.salesagent.crm.spi.CrmConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The quickstart: streams a leads CSV through the lead pipeline in chunks (rules and the in-memory CRM unless model
 * keys and a CRM are configured by environment), writes one JSON object per data row and prints a summary.
 *
 * <p>Memory is bounded by the chunk size, not the file: each chunk of {@code --chunk-size} rows is read, run through
 * the pipeline (analysis and one batched CRM sync), appended to {@code OUT.partial} and forced to disk, and the
 * resume state {@code OUT.partial.state} is replaced atomically. When the last chunk is written the partial file is
 * moved onto {@code OUT} (atomically where the file system allows), so {@code OUT} is never left truncated.
 * {@code --resume} continues from the last completed chunk. The exit codes are listed in {@link Options#HELP}.
 */
final class Quickstart {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNREADABLE = 3;
    static final int EXIT_NONE_SCORED = 4;

    /** Test seam: the CRM for a provider id (default: the ServiceLoader registry). */
    static Function<String, CrmClient> memoryCrmFactory = id -> CrmClients.create(id, CrmConfig.empty());
    /** Test seam: called after each chunk is written, with the chunk's number (1-based); may throw to simulate a kill. */
    static java.util.function.IntConsumer afterChunk = n -> { };

    private Quickstart() {
    }

    /** The state written next to the partial output after every chunk; a resumed run starts from it. */
    record ResumeState(String input, long inputSize, long inputModified, String settings, int lastRow,
                       long partialBytes, int chunks, Summary summary, Map<String, String> seen) {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.print(Options.HELP);
            out.flush();
            return EXIT_OK;
        }
        IdealCustomerProfile profile;
        try {
            profile = options.icp() == null ? IdealCustomerProfile.defaults() : IcpFile.read(options.icp());
        } catch (IcpFile.IcpException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        if (options.printIcp()) {
            out.println(IcpFile.toJson(profile));
            return EXIT_OK;
        }

        // check everything before any lead is processed or any CRM call is made
        Path partial = sibling(options.out(), ".partial");
        Path statePath = sibling(options.out(), ".partial.state");
        String problem = checkPaths(options, partial);
        if (problem != null) {
            err.println(problem);
            return EXIT_USAGE;
        }
        LeadCsv.Dialect dialect = new LeadCsv.Dialect(options.delimiter(), options.encoding());
        int total;
        try {
            total = LeadCsv.scan(options.leads(), dialect, options.mappings());
        } catch (LeadCsv.EncodingException e) {
            err.println("cannot read " + options.leads() + ": " + encodingProblem(e) + "; nothing was processed");
            return dropFreshPartial(options, partial, EXIT_UNREADABLE);
        } catch (LeadCsv.BadHeaderException e) {
            err.println(e.getMessage());
            return dropFreshPartial(options, partial, EXIT_USAGE);
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot read " + options.leads() + ": " + e.getMessage());
            return dropFreshPartial(options, partial, EXIT_USAGE);
        }
        ResumeState resumed = null;
        String settings = settings(options);
        if (options.resume()) {
            try {
                resumed = loadState(statePath, partial, options, settings);
            } catch (IOException e) {
                err.println("cannot resume: " + e.getMessage());
                return EXIT_USAGE;
            }
        }

        CostTracker costs = CostTracker.inMemory();
        Optional<ModelRouter> router = Models.fromEnvironment(env, costs, options.modelTimeout(),
                options.modelRetries());
        CrmClient crm;
        try {
            crm = options.crm().equals("memory") ? memoryCrmFactory.apply("memory") : CrmClients.create(options.crm(),
                    CrmConfig.fromEnvironment(env, "SALESAGENT_CRM_" + options.crm().toUpperCase(Locale.ROOT) + "_"));
        } catch (CrmException e) {
            String prefix = "SALESAGENT_CRM_" + options.crm().toUpperCase(Locale.ROOT) + "_";
            err.println("cannot configure CRM '" + options.crm() + "': " + e.getMessage());
            err.println("set the keys as environment variables " + prefix + "<KEY> (upper snake case, e.g. accessToken -> "
                    + prefix + "ACCESS_TOKEN)");
            return dropFreshPartial(options, partial, EXIT_USAGE);
        }

        long started = System.nanoTime();
        Summary summary = resumed != null ? resumed.summary() : new Summary();
        Map<String, String> seen = resumed != null ? new HashMap<>(resumed.seen()) : new HashMap<>();
        int lastRow = resumed != null ? resumed.lastRow() : 0;
        int chunks = resumed != null ? resumed.chunks() : 0;
        ProgressBar bar = new ProgressBar(err, System.console() != null);
        try (crm; LeadCsv.Reader reader = LeadCsv.open(options.leads(), dialect, options.mappings());
             FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.truncate(resumed != null ? resumed.partialBytes() : 0);
            channel.position(resumed != null ? resumed.partialBytes() : 0);
            Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.println("Sales Agent SDK quickstart: " + total + " rows from " + options.leads() + " ("
                    + reader.charset().name() + ", " + LeadCsv.describe(reader.delimiter()) + "-separated), "
                    + (router.isPresent() ? "model " + router.get().endpoints().stream().map(x -> x.model()).toList()
                    : "rules (no OPENAI_API_KEY or ANTHROPIC_API_KEY set)") + ", CRM " + crm.providerId()
                    + (crm.providerId().equals("memory") ? " (in-memory sandbox, empty at start)" : "")
                    + ", " + options.threads() + " thread(s), profile "
                    + (options.icp() == null ? "default" : options.icp().toString()));
            out.println("Columns: " + reader.mappedColumns() + (reader.ignoredColumns().isEmpty() ? ""
                    : "; ignored: " + reader.ignoredColumns()));
            if (resumed != null) {
                out.println("Resuming after row " + lastRow + " (" + chunks + " chunk(s), " + summary.rows
                        + " rows already written)");
            }
            ChunkProgress progress = new ChunkProgress(bar, total);
            LeadPipeline pipeline = LeadPipeline.builder()
                    .crm(crm)
                    .agents(SalesAgents.builder().chatModel(router.orElse(null)).profile(profile)
                            .modelOptions(ModelOptions.defaults().withBatchSize(options.scoreBatch())).build())
                    .batchScoring(options.scoreBatch() > 1)
                    .maxCostUsd(options.maxCostUsd())
                    .threads(options.threads())
                    .progress(progress)
                    .build();
            // with a model: a lead whose model path failed is scored on the rules instead (unless --no-fallback)
            LeadPipeline fallback = router.isEmpty() || options.noFallback() ? null : LeadPipeline.builder()
                    .crm(crm).agents(SalesAgents.builder().profile(profile).build()).threads(options.threads())
                    .build();
            while (true) {
                List<LeadCsv.Item> chunk = new ArrayList<>(options.chunkSize());
                while (chunk.size() < options.chunkSize() && reader.hasNext()) {
                    LeadCsv.Item item = reader.next();
                    if (item.row() > lastRow) {
                        chunk.add(item);
                    }
                }
                if (chunk.isEmpty()) {
                    break;
                }
                progress.base = summary.rows;
                List<String> lines = processChunk(pipeline, fallback, chunk, seen, summary);
                for (String line : lines) {
                    writer.write(line);
                    writer.write('\n');
                }
                writer.flush();
                channel.force(false);
                lastRow = chunk.get(chunk.size() - 1).row();
                chunks++;
                bar.update(summary.rows, total);
                writeState(statePath, new ResumeState(options.leads().toAbsolutePath().toString(),
                        Files.size(options.leads()), Files.getLastModifiedTime(options.leads()).toMillis(), settings,
                        lastRow, channel.position(), chunks, summary, seen));
                afterChunk.accept(chunks);
            }
            bar.finish();
        } catch (LeadCsv.EncodingException e) {
            bar.finish();
            err.println("cannot read " + options.leads() + ": " + encodingProblem(e));
            return EXIT_UNREADABLE;
        } catch (IOException | UncheckedIOException e) {
            bar.finish();
            err.println("cannot write " + partial + " or read " + options.leads() + ": " + e.getMessage()
                    + "; run again with --resume to continue after the last completed chunk");
            return EXIT_FAILED;
        } catch (RuntimeException e) {
            bar.finish();
            err.println("pipeline failed: " + e + "; " + summary.rows + " rows were written to " + partial
                    + "; run again with --resume to continue after the last completed chunk");
            return EXIT_FAILED;
        }
        try {
            try {
                Files.move(partial, options.out(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, options.out(), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(statePath);
        } catch (IOException e) {
            err.println("cannot move " + partial + " to " + options.out() + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        printSummary(out, options, summary, costs, took);
        if (summary.scored == 0 && summary.rows > 0) {
            err.println("no lead could be scored");
            return EXIT_NONE_SCORED;
        }
        if (summary.unreadable > 0) {
            err.println(summary.unreadable + " row(s) could not be read as CSV (listed in the summary and the output)");
            return EXIT_UNREADABLE;
        }
        return EXIT_OK;
    }

    /** Progress across chunks: the pipeline reports per run, the bar shows the whole file. */
    private static final class ChunkProgress implements dev.salesagent.agents.sales.pipeline.PipelineProgress {
        private final ProgressBar bar;
        private final int total;
        volatile int base;

        ChunkProgress(ProgressBar bar, int total) {
            this.bar = bar;
            this.total = total;
        }

        @Override
        public void analyzed(LeadResult lead, int done, int chunkTotal) {
            bar.update(base + done, total);
        }
    }

    /** The reader's encoding problem with the option that fixes it. */
    static String encodingProblem(LeadCsv.EncodingException e) {
        return e.getMessage() + (e.charset().equals(StandardCharsets.UTF_8)
                ? ": run again with --encoding windows-1252 (or ISO-8859-1)" : "; check --encoding");
    }

    /**
     * Runs one chunk: rows go to the pipeline (minus repeats of an earlier chunk's lead), the others become error
     * lines. Returns the chunk's JSON lines in row order and adds to the summary.
     */
    static List<String> processChunk(LeadPipeline pipeline, LeadPipeline fallback, List<LeadCsv.Item> chunk,
                                     Map<String, String> seen, Summary summary) throws IOException {
        List<Lead> leads = new ArrayList<>();
        List<Integer> leadPositions = new ArrayList<>();
        String[] lines = new String[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            LeadCsv.Item item = chunk.get(i);
            summary.rows++;
            if (item instanceof LeadCsv.Row r) {
                String key = r.lead().normalized().naturalKey();
                String first = seen.get(key);
                if (first != null) {
                    String reason = "duplicate of " + first + " (same "
                            + (r.lead().normalized().email() == null ? "domain" : "e-mail") + ")";
                    lines[i] = errorLine(r.row(), "duplicate", reason);
                    summary.problem(r.row(), "duplicate", reason);
                } else {
                    leads.add(r.lead());
                    leadPositions.add(i);
                }
            } else if (item instanceof LeadCsv.Rejected r) {
                lines[i] = errorLine(r.row(), "invalid", r.reason());
                summary.problem(r.row(), "invalid", r.reason());
            } else if (item instanceof LeadCsv.Unreadable r) {
                lines[i] = errorLine(r.row(), "unreadable", r.reason());
                summary.problem(r.row(), "unreadable", r.reason());
            }
        }
        if (!leads.isEmpty()) {
            PipelineResult result = pipeline.run(leads);
            summary.crm(result.crm());
            List<LeadResult> results = new ArrayList<>(result.leads());
            Map<Integer, String> fallbackReasons = new HashMap<>();
            if (fallback != null) {
                List<Integer> failed = new ArrayList<>();
                for (int j = 0; j < results.size(); j++) {
                    String error = results.get(j).error();
                    if (error != null && !error.startsWith("duplicate of ") && !error.startsWith(BUDGET_ERROR)
                            && !error.startsWith("InvalidLeadException")) {
                        failed.add(j);
                    }
                }
                if (!failed.isEmpty()) {
                    PipelineResult rules = fallback.run(failed.stream().map(leads::get).toList());
                    summary.crm(rules.crm());
                    for (int k = 0; k < failed.size(); k++) {
                        LeadResult before = results.get(failed.get(k));
                        LeadResult after = rules.leads().get(k);
                        fallbackReasons.put(failed.get(k), before.error());
                        // the failed model calls' tokens and cost stay with the lead
                        results.set(failed.get(k), new LeadResult(before.index(), after.id(), after.email(),
                                after.company(), after.domain(), after.score(), after.grade(), after.route(),
                                after.breakdown(), after.reasons(), after.method(), after.model(), after.facts(),
                                after.outreach(), after.followUp(), after.crm(), before.inputTokens(),
                                before.outputTokens(), before.costUsd(), after.error(), after.warnings(),
                                after.corrections(), before.tokensEstimated()));
                    }
                }
            }
            for (int j = 0; j < leads.size(); j++) {
                LeadResult l = results.get(j);
                int pos = leadPositions.get(j);
                int row = chunk.get(pos).row();
                ObjectNode node = JSON.createObjectNode();
                node.put("row", row);
                node.setAll((ObjectNode) JSON.valueToTree(l));
                node.remove("index");
                if (fallbackReasons.containsKey(j)) {
                    node.put("fallbackReason", "model path failed: " + fallbackReasons.get(j));
                    summary.fellBack++;
                }
                summary.tokens(l);
                if (l.ok()) {
                    summary.scored(row, l);
                } else {
                    String kind = l.error().startsWith("duplicate of ") ? "duplicate" : "failed";
                    node.put("problem", kind);
                    summary.problem(row, kind, l.error());
                    if (l.error().startsWith(BUDGET_ERROR)) {
                        summary.overBudget++;
                    }
                }
                // as in the pipeline, the first lead with a key claims it, whatever became of it
                seen.putIfAbsent(leads.get(j).normalized().naturalKey(), leads.get(j).id());
                lines[pos] = JSON.writeValueAsString(node);
            }
        }
        return List.of(lines);
    }

    private static final String BUDGET_ERROR = "BudgetExceededException:";

    private static String errorLine(int row, String kind, String reason) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("row", row);
        node.put("id", "row-" + row);
        node.put("error", reason);
        node.put("problem", kind);
        return JSON.writeValueAsString(node);
    }

    /** Null when the paths are fine, else what is wrong. Creates the output directory and the partial file. */
    static String checkPaths(Options options, Path partial) {
        Path leads = options.leads();
        if (!Files.isRegularFile(leads)) {
            return Files.exists(leads) ? "--leads " + leads + " is not a file" : "leads file not found: " + leads;
        }
        if (!Files.isReadable(leads)) {
            return "cannot read " + leads + ": permission denied";
        }
        Path target = options.out();
        try {
            if (target.toAbsolutePath().normalize().equals(leads.toAbsolutePath().normalize())
                    || (Files.exists(target) && Files.isSameFile(target, leads))
                    || (Files.exists(partial) && Files.isSameFile(partial, leads))) {
                return "--out " + target + " is the input file; choose another output file";
            }
            if (Files.isDirectory(target)) {
                return "--out " + target + " is a directory; give a file name such as " + target.resolve("results.jsonl");
            }
            if (Files.exists(target) && !Files.isWritable(target)) {
                return "--out " + target + " is not writable";
            }
            Path dir = target.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (!options.resume() || !Files.exists(partial)) {
                Files.newByteChannel(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING).close();
            } else if (!Files.isWritable(partial)) {
                return partial + " is not writable";
            }
        } catch (IOException e) {
            return "cannot write --out " + target + ": " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
        return null;
    }

    /** Removes the empty partial file the path check created, unless it belongs to a run being resumed. */
    private static int dropFreshPartial(Options options, Path partial, int exit) {
        if (!options.resume()) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: an empty file
            }
        }
        return exit;
    }

    private static Path sibling(Path out, String suffix) {
        return out.resolveSibling(out.getFileName().toString() + suffix);
    }

    /** What must be equal for a resumed run to continue a previous one (the chunk size may change). */
    private static String settings(Options o) {
        return String.join("|", o.crm(), String.valueOf(o.delimiter()), String.valueOf(o.encoding()),
                String.valueOf(new java.util.TreeMap<>(o.mappings())), String.valueOf(o.icp()));
    }

    private static ResumeState loadState(Path statePath, Path partial, Options options, String settings)
            throws IOException {
        if (!Files.exists(statePath) || !Files.exists(partial)) {
            return null; // nothing to resume: a fresh run
        }
        ResumeState s = JSON.readValue(statePath.toFile(), ResumeState.class);
        if (!s.input().equals(options.leads().toAbsolutePath().toString()) || s.inputSize() != Files.size(options.leads())
                || s.inputModified() != Files.getLastModifiedTime(options.leads()).toMillis()) {
            throw new IOException("the interrupted run in " + statePath + " read another or a changed input ("
                    + s.input() + "); delete " + partial + " and " + statePath + " to start over");
        }
        if (!s.settings().equals(settings)) {
            throw new IOException("the interrupted run used other options (" + s.settings() + " instead of "
                    + settings + "); run with the same --crm, --delimiter, --encoding, --map and --icp");
        }
        if (Files.size(partial) < s.partialBytes()) {
            throw new IOException(partial + " is shorter than recorded in " + statePath);
        }
        return s;
    }

    private static void writeState(Path statePath, ResumeState state) throws IOException {
        Path tmp = sibling(statePath, ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(state));
        try {
            Files.move(tmp, statePath, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, statePath, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void printSummary(PrintStream out, Options options, Summary s, CostTracker costs, Duration took) {
        out.println();
        out.printf(Locale.US, "Processed %d rows in %.1f s: %d scored, %d rejected rows (%d unreadable, %d invalid), "
                        + "%d leads not scored (%d duplicates, %d failed)%n", s.rows, took.toMillis() / 1000.0,
                s.scored, s.rejected(), s.unreadable, s.invalid, s.duplicates + s.failed, s.duplicates, s.failed);
        out.printf("Grades: A %d | B %d | C %d | D %d  (profile %s)%n", s.grades.get("A"), s.grades.get("B"),
                s.grades.get("C"), s.grades.get("D"), options.icp() == null ? "default" : options.icp());
        out.println();
        out.println("Top 10 leads:");
        for (int i = 0; i < s.top.size(); i++) {
            Summary.Top t = s.top.get(i);
            out.printf(Locale.US, "%3d. %3d %s  %-28s %s%n", i + 1, t.score(), t.grade(),
                    t.company() == null ? "" : t.company(), t.email());
        }
        out.println();
        out.println("Rows rejected or not scored: " + (s.rejected() + s.duplicates + s.failed));
        s.problems.forEach(r -> out.println("  " + r));
        if (s.unlisted > 0) {
            out.println("  ... and " + s.unlisted + " more (lines with \"error\" in " + options.out() + ")");
        }
        out.println();
        if (s.crmProvider != null) {
            out.printf("CRM %s: accounts %d created, %d updated; contacts %d created, %d updated; notes %d; "
                            + "failed records %d; %d batch upsert call(s)%n", s.crmProvider, s.accountsCreated,
                    s.accountsUpdated, s.contactsCreated, s.contactsUpdated, s.notesCreated, s.failedRecords,
                    s.batchCalls);
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
            if (s.estimatedTokens > 0) {
                out.println("  token counts of " + s.estimatedTokens + " lead(s) are estimated (the provider reported "
                        + "no usage; \"tokensEstimated\": true in their lines): their tokens and cost are approximate");
            }
        }
        if (s.corrected > 0) {
            out.println(s.corrected + " model score(s) corrected to agree with the facts in the data (\"corrections\" "
                    + "in their lines)");
        }
        if (s.fellBack > 0) {
            out.println(s.fellBack + " lead(s) scored on rules because their model calls failed (\"fallbackReason\" in "
                    + "the output; --no-fallback reports them as failed instead)");
        }
        if (s.overBudget > 0) {
            out.println("Cost limit of " + options.maxCostUsd().toPlainString() + " USD reached: " + s.overBudget
                    + " lead(s) not finished (listed above), the others were written");
        }
        out.println();
        out.println("Results: " + options.out() + " (" + s.rows + " lines)");
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
