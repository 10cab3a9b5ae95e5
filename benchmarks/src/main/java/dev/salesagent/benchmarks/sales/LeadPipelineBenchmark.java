package dev.salesagent.benchmarks.sales;

import dev.salesagent.agents.sales.SalesAgents;
import dev.salesagent.agents.sales.lead.Lead;
import dev.salesagent.agents.sales.pipeline.LeadPipeline;
import dev.salesagent.agents.sales.pipeline.PipelineResult;
import dev.salesagent.crm.memory.InMemoryCrmClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lead pipeline throughput on rules with the in-memory CRM: one operation is a whole run over 10,000 generated leads
 * (validate, research, duplicate check, score, route, outreach/follow-up, batched CRM sync with notes) into an empty
 * CRM; the score is leads per second. {@code threads} is the pipeline's lead parallelism.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar LeadPipelineBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(LeadPipelineBenchmark.LEADS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class LeadPipelineBenchmark {

    static final int LEADS = 10_000;

    @Param({"1", "2"})
    public int threads;

    private List<Lead> leads;
    private InMemoryCrmClient crm;
    private LeadPipeline pipeline;

    @Setup(Level.Trial)
    public void generate() {
        leads = GeneratedLeads.generate(LEADS, 42);
    }

    @Setup(Level.Invocation)
    public void freshCrm() {
        crm = InMemoryCrmClient.create();
        pipeline = LeadPipeline.builder().crm(crm).agents(SalesAgents.rules()).threads(threads).build();
    }

    @Benchmark
    public PipelineResult rulesWithMemoryCrm() {
        PipelineResult r = pipeline.run(leads);
        if (r.crm().contactsCreated() == 0) {
            throw new IllegalStateException("nothing synced");
        }
        return r;
    }
}
