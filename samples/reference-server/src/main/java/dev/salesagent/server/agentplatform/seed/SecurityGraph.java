package dev.salesagent.server.agentplatform.seed;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code security} assistant: {@code parse -> scan -> comply -> report}. Input
 * {@code {"dependencies": ["org.apache.logging.log4j:log4j-core:2.14.1", "lodash@4.17.20"], "licenses":
 * {"lodash": "MIT"}}}.
 * <ul>
 *   <li>{@code parse}: Maven coordinates {@code group:artifact:version} and npm {@code name@version} (scoped names
 *       too); every entry that is neither fails the run, all of them named at once;</li>
 *   <li>{@code scan}: matches each package against the shipped {@link VulnerabilitySnapshot} (OSV ranges, Maven and
 *       SemVer ordering); each finding has the advisory id, aliases, severity, CVSS vector and fixed version;</li>
 *   <li>{@code comply}: banned packages and denied licences ({@link SeedAgentProperties}), unknown licences as
 *       warnings;</li>
 *   <li>{@code report}: verdict {@code fail} on any critical or high finding or any violation, else {@code pass};
 *       counts are computed; the summary sentence is written by the model when configured
 *       ({@code summary_method}).</li>
 * </ul>
 */
public final class SecurityGraph implements GraphProvider {

    static final Key<List<String>> DEPENDENCIES = Key.listOf("dependencies", String.class);
    static final Key<Map<String, String>> LICENSES = Key.merging("licenses", String.class);
    static final Key<List<Dependency>> PACKAGES = Key.listOf("packages", Dependency.class);
    static final Key<List<Finding>> FINDINGS = Key.listOf("findings", Finding.class);
    static final Key<List<ComplianceIssue>> COMPLIANCE = Key.listOf("compliance", ComplianceIssue.class);
    static final Key<Report> REPORT = Key.of("report", Report.class);

    /**
     * One parsed dependency.
     *
     * @param ecosystem {@code Maven} or {@code npm}
     * @param name      {@code group:artifact} or the npm package name
     * @param version   the version
     */
    public record Dependency(String ecosystem, String name, String version) {
    }

    /**
     * One advisory affecting one dependency.
     *
     * @param id        the OSV id
     * @param aliases   CVE ids
     * @param ecosystem the ecosystem
     * @param name      the package
     * @param version   the scanned version
     * @param severity  {@code CRITICAL}, {@code HIGH}, {@code MODERATE}, {@code LOW} or {@code UNKNOWN}
     * @param cvss      the CVSS vector, or null
     * @param summary   the advisory summary
     * @param fixed     the first fixed version of the affected range, or null when none
     */
    public record Finding(String id, List<String> aliases, String ecosystem, String name, String version,
                          String severity, String cvss, String summary, String fixed) {
    }

    /**
     * One compliance result.
     *
     * @param rule    {@code banned-package}, {@code denied-license} or {@code unknown-license}
     * @param level   {@code violation} (fails the report) or {@code warning}
     * @param name    the package
     * @param detail  what was found
     */
    public record ComplianceIssue(String rule, String level, String name, String detail) {
    }

    /**
     * The report.
     *
     * @param verdict       {@code pass} or {@code fail}
     * @param scanned       how many dependencies were scanned
     * @param bySeverity    findings per severity
     * @param violations    compliance violations
     * @param warnings      compliance warnings
     * @param snapshot      how many advisories the snapshot holds
     * @param summary       one paragraph for people
     * @param summaryMethod {@code rules} or {@code model}
     * @param model         the model that wrote the summary, or null
     */
    public record Report(String verdict, int scanned, Map<String, Integer> bySeverity, int violations, int warnings,
                         int snapshot, String summary, String summaryMethod, String model) {
    }

    private final VulnerabilitySnapshot snapshot;
    private final SeedModel model;
    private final List<String> deniedLicenses;
    private final List<String> bannedPackages;

    /**
     * Creates the provider.
     *
     * @param snapshot       the advisories to scan against
     * @param model          the chat model, or {@link SeedModel#rules()}
     * @param deniedLicenses SPDX ids that are violations
     * @param bannedPackages package names that are violations
     */
    public SecurityGraph(VulnerabilitySnapshot snapshot, SeedModel model, List<String> deniedLicenses,
                         List<String> bannedPackages) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.model = Objects.requireNonNull(model, "model");
        this.deniedLicenses = List.copyOf(deniedLicenses);
        this.bannedPackages = List.copyOf(bannedPackages);
    }

    @Override
    public String graphId() {
        return "security";
    }

    @Override
    public String description() {
        return "Scans Maven and npm dependencies against a shipped OSV vulnerability snapshot, checks banned packages"
                + " and licences, and reports findings with fixed versions.";
    }

    @Override
    public CompiledGraph compile(Context context) {
        return StateGraph.of(DEPENDENCIES, LICENSES, PACKAGES, FINDINGS, COMPLIANCE, REPORT)
                .addNode("parse", (s, c) -> Update.of(PACKAGES, parse(s.get(DEPENDENCIES))))
                .addNode("scan", (s, c) -> Update.of(FINDINGS, scan(s.get(PACKAGES))))
                .addNode("comply", (s, c) -> Update.of(COMPLIANCE, comply(s.get(PACKAGES), s.get(LICENSES))))
                .addNode("report", (s, c) -> Update.of(REPORT,
                        report(s.get(PACKAGES), s.get(FINDINGS), s.get(COMPLIANCE))))
                .addEdge(StateGraph.START, "parse").addEdge("parse", "scan").addEdge("scan", "comply")
                .addEdge("comply", "report").addEdge("report", StateGraph.END)
                .compile(CompileConfig.builder().name("security").checkpointer(context.checkpointer()).build());
    }

    /**
     * Parses the dependency list.
     *
     * @param entries Maven coordinates and npm specs
     * @return the dependencies, in input order, duplicates removed
     * @throws IllegalArgumentException naming every entry that is neither, or when the list is empty
     */
    static List<Dependency> parse(List<String> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("input 'dependencies' is required: a non-empty list of Maven"
                    + " 'group:artifact:version' and npm 'name@version' entries");
        }
        List<Dependency> out = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String raw : entries) {
            String e = raw == null ? "" : raw.strip();
            Dependency d = null;
            int at = e.lastIndexOf('@');
            if (at > 0 && !e.contains(":")) {
                String name = e.substring(0, at);
                String version = e.substring(at + 1);
                if (name.matches("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*") && VersionOrder.isSemver(version)) {
                    d = new Dependency("npm", name, version.startsWith("v") ? version.substring(1) : version);
                }
            } else {
                String[] parts = e.split(":", -1);
                if (parts.length == 3 && Arrays.stream(parts).allMatch(p -> p.matches("[A-Za-z0-9._-]+"))) {
                    d = new Dependency("Maven", parts[0] + ":" + parts[1], parts[2]);
                }
            }
            if (d == null) {
                bad.add("'" + raw + "'");
            } else if (!out.contains(d)) {
                out.add(d);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("not a Maven 'group:artifact:version' or npm 'name@version' (SemVer): "
                    + String.join(", ", bad));
        }
        return List.copyOf(out);
    }

    List<Finding> scan(List<Dependency> packages) {
        List<Finding> out = new ArrayList<>();
        for (Dependency d : packages) {
            for (VulnerabilitySnapshot.Match m : snapshot.matches(d.ecosystem(), d.name(), d.version())) {
                out.add(new Finding(m.id(), m.aliases(), d.ecosystem(), d.name(), d.version(), m.severity(), m.cvss(),
                        m.summary(), m.fixed()));
            }
        }
        return List.copyOf(out);
    }

    List<ComplianceIssue> comply(List<Dependency> packages, Map<String, String> licenses) {
        List<ComplianceIssue> out = new ArrayList<>();
        Map<String, String> known = licenses == null ? Map.of() : licenses;
        for (Dependency d : packages) {
            if (bannedPackages.contains(d.name())) {
                out.add(new ComplianceIssue("banned-package", "violation", d.name(),
                        d.name() + " is on the banned list"));
            }
            String license = known.getOrDefault(d.name(), known.get(d.name() + ":" + d.version()));
            if (license == null || license.isBlank()) {
                out.add(new ComplianceIssue("unknown-license", "warning", d.name(), "no licence given for "
                        + d.name()));
            } else if (deniedLicenses.stream().anyMatch(l -> l.equalsIgnoreCase(license.strip()))) {
                out.add(new ComplianceIssue("denied-license", "violation", d.name(), d.name() + " is licensed "
                        + license.strip() + ", which the policy denies"));
            }
        }
        return List.copyOf(out);
    }

    Report report(List<Dependency> packages, List<Finding> findings, List<ComplianceIssue> compliance) {
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (String s : List.of("CRITICAL", "HIGH", "MODERATE", "LOW", "UNKNOWN")) {
            bySeverity.put(s, 0);
        }
        findings.forEach(f -> bySeverity.merge(f.severity().toUpperCase(Locale.ROOT), 1, Integer::sum));
        int violations = (int) compliance.stream().filter(c -> "violation".equals(c.level())).count();
        int warnings = compliance.size() - violations;
        boolean fail = bySeverity.get("CRITICAL") > 0 || bySeverity.get("HIGH") > 0 || violations > 0;
        StringBuilder facts = new StringBuilder();
        facts.append("Scanned ").append(packages.size()).append(" dependencies against ").append(snapshot.size())
                .append(" advisories: ").append(findings.size()).append(" finding(s) (")
                .append(bySeverity.get("CRITICAL")).append(" critical, ").append(bySeverity.get("HIGH"))
                .append(" high), ").append(violations).append(" compliance violation(s), ").append(warnings)
                .append(" warning(s).");
        for (Finding f : findings) {
            facts.append(' ').append(f.name()).append(' ').append(f.version()).append(": ").append(f.id())
                    .append(f.aliases().isEmpty() ? "" : " (" + String.join(", ", f.aliases()) + ")").append(", ")
                    .append(f.severity()).append(f.fixed() == null ? ", no fixed version" : ", fixed in " + f.fixed())
                    .append('.');
        }
        String summary = facts.toString();
        String method = SeedModel.RULES;
        String modelName = null;
        Optional<SeedModel.Answer> answer = model.ask("You summarise a dependency security report for an engineering"
                + " manager in at most three sentences. Use only the facts given; do not change any number, id or"
                + " version.", summary);
        if (answer.isPresent() && !answer.get().text().isBlank()) {
            summary = answer.get().text();
            method = SeedModel.MODEL;
            modelName = answer.get().model();
        }
        return new Report(fail ? "fail" : "pass", packages.size(), Collections.unmodifiableMap(bySeverity), violations, warnings,
                snapshot.size(), summary, method, modelName);
    }

    @Override
    public Optional<Map<String, Object>> inputSchema() {
        return Optional.of(Map.of("title", "security input", "type", "object", "required", List.of("dependencies"),
                "properties", Map.of(
                        "dependencies", Map.of("type", "array", "minItems", 1, "items", Map.of("type", "string"),
                                "description", "Maven 'group:artifact:version' or npm 'name@version' entries"),
                        "licenses", Map.of("type", "object", "additionalProperties", Map.of("type", "string"),
                                "description", "SPDX licence id per package name (group:artifact or npm name)"))));
    }
}
