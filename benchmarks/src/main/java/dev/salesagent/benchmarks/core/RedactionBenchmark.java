package dev.salesagent.benchmarks.core;

import dev.salesagent.common.redact.PiiRedactor;
import dev.salesagent.common.redact.RedactionContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of {@link PiiRedactor#redact(String, RedactionContext)} per kilobyte (1,024 chars) of log text.
 *
 * <ul>
 *   <li>{@code text}: {@code clean} (ordinary INFO lines: ids, durations, dates, counts, no personal data),
 *       {@code mixed} (one line in four carries an e-mail, a phone, a secret or a record field),
 *       {@code dense} (every line carries one or two, the worst case);</li>
 *   <li>{@code config}: {@code defaults} (22 phone regions, masks), {@code pseudonyms} (HMAC tokens),
 *       {@code oneRegion} (national phone formats of GB only), {@code record} (defaults plus a
 *       {@link RedactionContext} of one lead: name, address, date of birth).</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar Redaction -f 1 -wi 3 -i 5 -w 1s -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedactionBenchmark {

    static final List<String> CLEAN = List.of(
            "2026-03-01T12:00:00.123Z INFO  [pool-3-thread-2] d.s.core.model.ModelRouter - call 7c9e6679 ok in 412 ms",
            "2026-03-01T12:00:00.456Z DEBUG [pool-3-thread-1] d.s.crm.http.CrmHttpClient - CRM hubspot <-- 200 deals.search (87 ms)",
            "2026-03-01T12:00:01.001Z INFO  [main] d.s.agents.graph.CompiledGraph - run 550e8400 step 12 node score_lead done",
            "2026-03-01T12:00:01.002Z INFO  [main] usage tenant=acme feature=scoring input_tokens=1234 output_tokens=87",
            "2026-03-01T12:00:01.003Z WARN  [main] budget acme reached 80% of expected spend (12.50 USD)");

    static final List<String> DIRTY = List.of(
            "2026-03-01T12:00:02.000Z DEBUG CRM hubspot --> POST /crm/v3/objects/contacts {\"email\":\"renée.dupont@société.fr\",\"phone\":\"+33 6 12 34 56 78\"}",
            "2026-03-01T12:00:02.100Z WARN  openai 401: Incorrect API key provided: sk-proj-Xc9v7Lm2Qp4Rt8Wz1Yb6Nd3Kf5Hj0Gs2Ae4Ui6",
            "2026-03-01T12:00:02.200Z INFO  follow-up for Renée Dupont, 12 rue de la Paix, 75002 Paris, call 07700 900123",
            "2026-03-01T12:00:02.300Z DEBUG headers={Authorization=Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcDEF123, Accept=json}");

    @Param({"clean", "mixed", "dense"})
    public String text;

    @Param({"defaults", "pseudonyms", "oneRegion", "record"})
    public String config;

    private String kilobyte;
    private PiiRedactor redactor;
    private RedactionContext context;

    @Setup
    public void setUp() {
        kilobyte = kilobyte(switch (text) {
            case "clean" -> CLEAN;
            case "mixed" -> List.of(CLEAN.get(0), CLEAN.get(1), CLEAN.get(2), DIRTY.get(0), CLEAN.get(3), CLEAN.get(4),
                    DIRTY.get(1), CLEAN.get(0), CLEAN.get(2), DIRTY.get(2), CLEAN.get(1), CLEAN.get(3), DIRTY.get(3));
            default -> DIRTY;
        });
        redactor = switch (config) {
            case "pseudonyms" -> PiiRedactor.builder()
                    .pseudonymKey("benchmark-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).build();
            case "oneRegion" -> PiiRedactor.builder().phoneRegions("GB").build();
            default -> PiiRedactor.defaults();
        };
        context = config.equals("record")
                ? RedactionContext.builder().name("Renée Dupont").streetAddress("12 rue de la Paix, 75002 Paris")
                        .dateOfBirth(LocalDate.of(1984, 3, 14)).build()
                : RedactionContext.empty();
    }

    static String kilobyte(List<String> lines) {
        StringBuilder sb = new StringBuilder(1100);
        for (int i = 0; sb.length() < 1024; i++) {
            sb.append(lines.get(i % lines.size())).append('\n');
        }
        return sb.substring(0, 1024);
    }

    /** One kilobyte of log text redacted. */
    @Benchmark
    public String redactOneKilobyte() {
        return redactor.redact(kilobyte, context);
    }
}
