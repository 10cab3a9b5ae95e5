package dev.salesagent.server.agentplatform.seed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.salesagent.agents.graph.InMemoryCheckpointer;
import dev.salesagent.agents.graph.RunConfig;
import dev.salesagent.agents.graph.RunResult;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.net.URI;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CodingGraphTest {

    static final String TOKEN = "glpat-coding-test";
    static final String PROJECT = "/api/v4/projects/acme%2Fbilling";
    static final String REQUIREMENTS = "- Validate the invoice number\n- Compute the total: sum of lines\n";
    static final ObjectMapper JSON = new ObjectMapper();

    WireMockServer gitlab;
    GitLabClient client;
    final SeedAgentProperties.Gitlab settings = new SeedAgentProperties.Gitlab(null, null, "acme/billing", "main");

    @BeforeEach
    void start() {
        gitlab = new WireMockServer(options().dynamicPort());
        gitlab.start();
        client = new GitLabClient(new OkHttpClient(), URI.create(gitlab.baseUrl()), TOKEN);
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/repository/branches")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitLabFixtures.BRANCH.formatted("b", "b"))));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/repository/commits")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitLabFixtures.COMMIT)));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/merge_requests")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitLabFixtures.MERGE_REQUEST)));
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    RunResult run(SeedModel model, GitLabClient gitLab, RunConfigurable configurable) {
        return new CodingGraph(model, gitLab, settings, configurable)
                .compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()))
                .invoke(Update.of(CodingGraph.REQUIREMENTS, REQUIREMENTS).and(CodingGraph.NAME, "Invoice checks"),
                        RunConfig.forThread("thread-7"));
    }

    @Test
    @DisplayName("rules: a skeleton interface (one method per requirement) and a checklist, committed and opened as an MR")
    void rulesMergeRequest() throws Exception {
        RunResult r = run(SeedModel.rules(), client, RunConfigurable.none());
        assertThat(r.status()).isEqualTo(RunResult.Status.COMPLETED);
        assertThat(r.get(CodingGraph.CODE_METHOD)).isEqualTo("rules");
        String branch = r.get(CodingGraph.BRANCH);
        assertThat(branch).matches("agent/invoice-checks-[0-9a-f]{8}");
        List<GitLabClient.FileAction> files = r.get(CodingGraph.FILES);
        assertThat(files).extracting(GitLabClient.FileAction::filePath)
                .containsExactly("docs/requirements/invoice-checks.md", "src/main/java/generated/InvoiceChecks.java");
        assertThat(files.get(0).content()).isEqualTo("# Invoice checks\n\nRequirements:\n\n"
                + "- [ ] Validate the invoice number\n- [ ] Compute the total: sum of lines\n");
        assertThat(files.get(1).content()).contains("public interface InvoiceChecks {",
                "/** Validate the invoice number */\n    void validateTheInvoiceNumber();",
                "/** Compute the total: sum of lines */\n    void computeTheTotal();");

        CodingGraph.MergeRequestResult mr = r.get(CodingGraph.MERGE_REQUEST);
        assertThat(mr.opened()).isTrue();
        assertThat(mr.iid()).isEqualTo(12);
        assertThat(mr.webUrl()).endsWith("/-/merge_requests/12");
        assertThat(mr.commitId()).isEqualTo("ed899a2f4b50b4370feeea94676502b42383c746");

        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/repository/branches"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson(JSON.writeValueAsString(Map.of("branch", branch, "ref", "main")))));
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/repository/commits"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson(JSON.writeValueAsString(Map.of("branch", branch,
                        "commit_message", "Add Invoice checks (rules)", "actions", List.of(
                                Map.of("action", "create", "file_path", files.get(0).filePath(),
                                        "content", files.get(0).content()),
                                Map.of("action", "create", "file_path", files.get(1).filePath(),
                                        "content", files.get(1).content())))))));
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/merge_requests"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson(JSON.writeValueAsString(Map.of("source_branch", branch,
                        "target_branch", "main", "title", "Draft: Invoice checks", "remove_source_branch", true,
                        "description", "Opened by the `coding` assistant (code by rules).\n\nRequirements:\n\n"
                                + "- Validate the invoice number\n- Compute the total: sum of lines\n")))));
    }

    @Test
    @DisplayName("model: the Java file comes from the model's fenced block; the per-run project and target branch apply")
    void modelCode() {
        ScriptedChatModel chat = new ScriptedChatModel("Here it is:\n```java\npackage generated;\n\npublic final class"
                + " InvoiceChecks {\n    public boolean valid(String n) { return n != null && !n.isBlank(); }\n}\n```");
        gitlab.stubFor(post(urlEqualTo("/api/v4/projects/99/repository/branches")).willReturn(aResponse()
                .withStatus(201).withBody(GitLabFixtures.BRANCH.formatted("b", "b"))));
        gitlab.stubFor(post(urlEqualTo("/api/v4/projects/99/repository/commits")).willReturn(aResponse()
                .withStatus(201).withBody(GitLabFixtures.COMMIT)));
        gitlab.stubFor(post(urlEqualTo("/api/v4/projects/99/merge_requests")).willReturn(aResponse()
                .withStatus(201).withBody(GitLabFixtures.MERGE_REQUEST)));
        RunResult r = run(SeedModel.of(chat), client, RunConfigurable.fixed(Map.of(CodingGraph.PROJECT_KEY, "99",
                CodingGraph.TARGET_KEY, "develop")));
        assertThat(r.get(CodingGraph.CODE_METHOD)).isEqualTo("model");
        assertThat(r.get(CodingGraph.CODE_MODEL)).isEqualTo(ScriptedChatModel.NAME);
        assertThat(r.get(CodingGraph.FILES).get(1).content()).startsWith("package generated;\n\npublic final class"
                + " InvoiceChecks {").doesNotContain("```");
        assertThat(r.get(CodingGraph.MERGE_REQUEST).project()).isEqualTo("99");
        gitlab.verify(postRequestedFor(urlEqualTo("/api/v4/projects/99/repository/branches"))
                .withRequestBody(equalToJson("{\"ref\":\"develop\"}", true, true)));
        gitlab.verify(postRequestedFor(urlEqualTo("/api/v4/projects/99/merge_requests"))
                .withRequestBody(equalToJson("{\"target_branch\":\"develop\"}", true, true)));
    }

    @Test
    @DisplayName("GitLab refuses the MR with 409: not opened, the step, kind and status say why; branch and commit were made")
    void conflict() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/merge_requests")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":[\"Another open merge request already exists for this source branch: !12\"]}")));
        CodingGraph.MergeRequestResult mr = run(SeedModel.rules(), client, RunConfigurable.none())
                .get(CodingGraph.MERGE_REQUEST);
        assertThat(mr.opened()).isFalse();
        assertThat(mr.step()).isEqualTo("merge_request");
        assertThat(mr.errorKind()).isEqualTo("CONFLICT");
        assertThat(mr.status()).isEqualTo(409);
        assertThat(mr.commitId()).isEqualTo("ed899a2f4b50b4370feeea94676502b42383c746");
        assertThat(mr.reason()).contains("Another open merge request already exists");
    }

    @Test
    @DisplayName("a 401 on the branch stops before any commit; no GitLab configured: not opened, and the settings named")
    void unauthorizedAndUnconfigured() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/repository/branches")).willReturn(aResponse().withStatus(401)
                .withBody("{\"message\":\"401 Unauthorized\"}")));
        CodingGraph.MergeRequestResult mr = run(SeedModel.rules(), client, RunConfigurable.none())
                .get(CodingGraph.MERGE_REQUEST);
        assertThat(mr.step()).isEqualTo("branch");
        assertThat(mr.errorKind()).isEqualTo("UNAUTHORIZED");
        gitlab.verify(0, postRequestedFor(urlMatching(".*/repository/commits")));
        CodingGraph.MergeRequestResult none = run(SeedModel.rules(), null, RunConfigurable.none())
                .get(CodingGraph.MERGE_REQUEST);
        assertThat(none.opened()).isFalse();
        assertThat(none.reason()).contains("salesagent.agentplatform.seed.gitlab.base-url");
    }

    @Test
    @DisplayName("bad input: blank requirements fail the run naming the input")
    void blank() {
        RunResult r = new CodingGraph(SeedModel.rules(), null, settings, RunConfigurable.none())
                .compile(new GraphProvider.Context("t1", new InMemoryCheckpointer()))
                .invoke(Update.of(CodingGraph.REQUIREMENTS, " \n "));
        assertThat(r.status()).isEqualTo(RunResult.Status.FAILED);
        assertThat(r.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("'requirements' is required");
    }
}
