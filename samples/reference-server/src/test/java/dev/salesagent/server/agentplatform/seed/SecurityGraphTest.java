package dev.salesagent.server.agentplatform.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityGraphTest {

    static final VulnerabilitySnapshot SNAPSHOT = VulnerabilitySnapshot.shipped();

    static SecurityGraph graph(SeedModel model) {
        return new SecurityGraph(SNAPSHOT, model, List.of("GPL-3.0-only", "AGPL-3.0-only"), List.of("log4j:log4j"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} fixed {4}")
    @CsvSource(nullValues = "-", value = {
        "Maven, org.apache.logging.log4j:log4j-core, 2.14.1, GHSA-jfh8-c2jp-5v3q, 2.15.0",
        "Maven, org.apache.logging.log4j:log4j-core, 2.13.0, GHSA-jfh8-c2jp-5v3q, 2.15.0",
        "Maven, org.apache.logging.log4j:log4j-core, 2.12.1, GHSA-jfh8-c2jp-5v3q, 2.12.2",
        "Maven, org.apache.logging.log4j:log4j-core, 2.4, GHSA-jfh8-c2jp-5v3q, 2.12.2",
        "Maven, org.apache.logging.log4j:log4j-core, 2.0-beta9, GHSA-jfh8-c2jp-5v3q, 2.3.1",
        "Maven, org.apache.logging.log4j:log4j-core, 2.3, GHSA-jfh8-c2jp-5v3q, 2.3.1",
        "Maven, org.apache.logging.log4j:log4j-core, 2.3.1, -, -",
        "Maven, org.apache.logging.log4j:log4j-core, 2.12.2, -, -",
        "Maven, org.apache.logging.log4j:log4j-core, 2.15.0, -, -",
        "Maven, org.apache.logging.log4j:log4j-core, 2.17.1, -, -",
        "Maven, org.springframework:spring-beans, 5.3.17, GHSA-36p3-wjmg-h94x, 5.3.18",
        "Maven, org.springframework:spring-beans, 5.2.19.RELEASE, GHSA-36p3-wjmg-h94x, 5.2.20.RELEASE",
        "Maven, org.springframework:spring-beans, 5.2.20.RELEASE, -, -",
        "Maven, org.springframework:spring-beans, 5.3.18, -, -",
        "Maven, com.fasterxml.jackson.core:jackson-databind, 2.12.6, GHSA-57j2-w4cx-62h2, 2.12.6.1",
        "Maven, com.fasterxml.jackson.core:jackson-databind, 2.12.6.1, -, -",
        "Maven, com.fasterxml.jackson.core:jackson-databind, 2.13.2, GHSA-57j2-w4cx-62h2, 2.13.2.1",
        "Maven, com.fasterxml.jackson.core:jackson-databind, 2.13.2.1, -, -",
        "Maven, com.fasterxml.jackson.core:jackson-databind, 2.13.2.2, -, -",
        "npm, lodash, 4.17.20, GHSA-35jh-r3h4-6jhm, 4.17.21",
        "npm, lodash, 4.17.21-rc.1, GHSA-35jh-r3h4-6jhm, 4.17.21",
        "npm, lodash, 4.17.21, -, -",
        "npm, lodash-es, 4.17.15, GHSA-35jh-r3h4-6jhm, 4.17.21",
        "npm, underscore, 1.0.0, -, -"
    })
    @DisplayName("OSV ranges of the shipped snapshot, with Maven and SemVer ordering")
    void matches(String ecosystem, String name, String version, String id, String fixed) {
        List<VulnerabilitySnapshot.Match> found = SNAPSHOT.matches(ecosystem, name, version);
        if (id == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo(id);
                assertThat(m.fixed()).isEqualTo(fixed);
            });
        }
    }

    @Test
    @DisplayName("the shipped snapshot has the four real advisories with their CVE aliases and GitHub severities")
    void shipped() {
        assertThat(SNAPSHOT.size()).isEqualTo(4);
        VulnerabilitySnapshot.Match log4shell = SNAPSHOT.matches("Maven", "org.apache.logging.log4j:log4j-core",
                "2.14.1").get(0);
        assertThat(log4shell.aliases()).containsExactly("CVE-2021-44228");
        assertThat(log4shell.severity()).isEqualTo("CRITICAL");
        assertThat(log4shell.cvss()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
        assertThat(SNAPSHOT.matches("Maven", "org.springframework:spring-beans", "5.3.0").get(0).aliases())
                .containsExactly("CVE-2022-22965");
        assertThat(SNAPSHOT.matches("npm", "lodash", "4.17.20").get(0).severity()).isEqualTo("HIGH");
    }

    @Test
    @DisplayName("a last_affected event ends the range after that version (OSV evaluation)")
    void lastAffected() throws Exception {
        VulnerabilitySnapshot s = VulnerabilitySnapshot.parse(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree("[{\"id\":\"X-1\",\"affected\":[{\"package\":{\"ecosystem\":\"npm\",\"name\":\"a\"},"
                        + "\"ranges\":[{\"type\":\"SEMVER\",\"events\":[{\"last_affected\":\"1.2.0\"},"
                        + "{\"introduced\":\"1.0.0\"}]}]}]}]"));
        assertThat(s.matches("npm", "a", "0.9.0")).isEmpty();
        assertThat(s.matches("npm", "a", "1.2.0")).singleElement().satisfies(m -> assertThat(m.fixed()).isNull());
        assertThat(s.matches("npm", "a", "1.2.1")).isEmpty();
    }

    @Test
    @DisplayName("the graph: findings with ids, severity and fixed version; banned package and denied licence fail it")
    void run() {
        RunResult r = graph(SeedModel.rules()).compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()))
                .invoke(Update.of(SecurityGraph.DEPENDENCIES, List.of("org.apache.logging.log4j:log4j-core:2.14.1",
                                "lodash@4.17.20", "@angular/core@17.0.0", "log4j:log4j:1.2.17",
                                "com.fasterxml.jackson.core:jackson-databind:2.17.0"))
                        .and(SecurityGraph.LICENSES, Map.of("lodash", "MIT", "@angular/core", "MIT",
                                "log4j:log4j", "Apache-2.0", "com.fasterxml.jackson.core:jackson-databind",
                                "GPL-3.0-only")));
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(SecurityGraph.FINDINGS)).extracting(SecurityGraph.Finding::id, SecurityGraph.Finding::name,
                        SecurityGraph.Finding::severity, SecurityGraph.Finding::fixed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GHSA-jfh8-c2jp-5v3q", "org.apache.logging.log4j:log4j-core",
                                "CRITICAL", "2.15.0"),
                        org.assertj.core.groups.Tuple.tuple("GHSA-35jh-r3h4-6jhm", "lodash", "HIGH", "4.17.21"));
        assertThat(r.get(SecurityGraph.COMPLIANCE)).extracting(SecurityGraph.ComplianceIssue::rule,
                        SecurityGraph.ComplianceIssue::name)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("banned-package", "log4j:log4j"),
                        org.assertj.core.groups.Tuple.tuple("denied-license",
                                "com.fasterxml.jackson.core:jackson-databind"),
                        org.assertj.core.groups.Tuple.tuple("unknown-license", "org.apache.logging.log4j:log4j-core"));
        SecurityGraph.Report report = r.get(SecurityGraph.REPORT);
        assertThat(report.verdict()).isEqualTo("fail");
        assertThat(report.scanned()).isEqualTo(5);
        assertThat(report.bySeverity()).containsEntry("CRITICAL", 1).containsEntry("HIGH", 1);
        assertThat(report.violations()).isEqualTo(2);
        assertThat(report.warnings()).isEqualTo(1);
        assertThat(report.summaryMethod()).isEqualTo("rules");
        assertThat(report.summary()).contains("GHSA-jfh8-c2jp-5v3q (CVE-2021-44228), CRITICAL, fixed in 2.15.0");
    }

    @Test
    @DisplayName("clean dependencies with allowed licences pass; the model writes the summary when configured")
    void passWithModel() {
        ScriptedChatModel chat = new ScriptedChatModel("All three dependencies are clean.");
        RunResult r = graph(SeedModel.of(chat)).compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()))
                .invoke(Update.of(SecurityGraph.DEPENDENCIES, List.of("org.springframework:spring-beans:5.3.18",
                                "lodash@4.17.21", "lodash@4.17.21"))
                        .and(SecurityGraph.LICENSES, Map.of("org.springframework:spring-beans", "Apache-2.0",
                                "lodash", "MIT")));
        SecurityGraph.Report report = r.get(SecurityGraph.REPORT);
        assertThat(report.verdict()).isEqualTo("pass");
        assertThat(report.scanned()).isEqualTo(2);
        assertThat(report.summary()).isEqualTo("All three dependencies are clean.");
        assertThat(report.summaryMethod()).isEqualTo("model");
        assertThat(report.model()).isEqualTo(ScriptedChatModel.NAME);
        assertThat(chat.requests.get(0).messages().get(1).toString()).contains("Scanned 2 dependencies");
    }

    @Test
    @DisplayName("bad input: every entry that is not a Maven coordinate or npm spec is named, and the run fails")
    void invalidEntries() {
        RunResult r = graph(SeedModel.rules()).compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()))
                .invoke(Update.of(SecurityGraph.DEPENDENCIES, List.of("lodash@4.17", "junit:junit",
                        "org.slf4j:slf4j-api:2.0.9", "just-a-name")));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("'lodash@4.17'", "'junit:junit'", "'just-a-name'").doesNotContain("slf4j");
        RunResult empty = graph(SeedModel.rules()).compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()))
                .invoke(Update.empty());
        assertThat(empty.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("'dependencies' is required");
    }
}
