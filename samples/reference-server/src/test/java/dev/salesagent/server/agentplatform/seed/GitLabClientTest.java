package dev.salesagent.server.agentplatform.seed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GitLab client against WireMock serving GitLab's documented REST API v4 shapes. */
class GitLabClientTest {

    static final String TOKEN = "glpat-test-token-0123456789";
    static final String PROJECT_PATH = "/api/v4/projects/my-group%2Fmy-project";

    WireMockServer gitlab;
    GitLabClient client;

    @BeforeEach
    void start() {
        gitlab = new WireMockServer(options().dynamicPort());
        gitlab.start();
        client = new GitLabClient(new OkHttpClient(), URI.create(gitlab.baseUrl()), TOKEN);
    }

    @AfterEach
    void stop() {
        gitlab.stop();
    }

    @Test
    @DisplayName("create branch: POST .../repository/branches {branch, ref} with PRIVATE-TOKEN; the project path URL-encoded")
    void branch() {
        gitlab.stubFor(post(urlEqualTo(PROJECT_PATH + "/repository/branches")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitLabFixtures.BRANCH.formatted("feature/x",
                        "feature/x"))));
        GitLabClient.Branch b = client.createBranch("my-group/my-project", "feature/x", "main");
        assertThat(b.name()).isEqualTo("feature/x");
        assertThat(b.commitId()).isEqualTo("7b5c3cc8be40ee161ae89a06bba6229da1032a0c");
        assertThat(b.webUrl()).endsWith("/-/tree/feature/x");
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT_PATH + "/repository/branches"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withHeader("Content-Type", equalTo("application/json; charset=UTF-8"))
                .withRequestBody(equalToJson("{\"branch\":\"feature/x\",\"ref\":\"main\"}")));
    }

    @Test
    @DisplayName("create commit: {branch, commit_message, actions:[{action, file_path, content}]}; numeric project id")
    void commit() {
        gitlab.stubFor(post(urlEqualTo("/api/v4/projects/42/repository/commits")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody(GitLabFixtures.COMMIT)));
        GitLabClient.Commit c = client.createCommit("42", "feature/x", "Add x", List.of(
                new GitLabClient.FileAction("create", "docs/x.md", "# X\n"),
                new GitLabClient.FileAction("update", "src/X.java", "class X {}\n")));
        assertThat(c.id()).isEqualTo("ed899a2f4b50b4370feeea94676502b42383c746");
        assertThat(c.shortId()).isEqualTo("ed899a2f4b5");
        gitlab.verify(1, postRequestedFor(urlEqualTo("/api/v4/projects/42/repository/commits"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("""
                        {"branch":"feature/x","commit_message":"Add x","actions":[
                          {"action":"create","file_path":"docs/x.md","content":"# X\\n"},
                          {"action":"update","file_path":"src/X.java","content":"class X {}\\n"}]}""")));
    }

    @Test
    @DisplayName("create merge request: {source_branch, target_branch, title, description, remove_source_branch}")
    void mergeRequest() {
        gitlab.stubFor(post(urlEqualTo(PROJECT_PATH + "/merge_requests")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(GitLabFixtures.MERGE_REQUEST)));
        GitLabClient.MergeRequest mr = client.createMergeRequest("my-group/my-project", "feature/x", "main",
                "Draft: X", "Adds X.");
        assertThat(mr.iid()).isEqualTo(12);
        assertThat(mr.state()).isEqualTo("opened");
        assertThat(mr.webUrl()).isEqualTo("http://gitlab.example.com/my-group/my-project/-/merge_requests/12");
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT_PATH + "/merge_requests"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("{\"source_branch\":\"feature/x\",\"target_branch\":\"main\","
                        + "\"title\":\"Draft: X\",\"description\":\"Adds X.\",\"remove_source_branch\":true}")));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "400|{\"message\":\"Branch already exists\"}|BAD_REQUEST|Branch already exists",
        "400|{\"error\":\"branch is missing\"}|BAD_REQUEST|branch is missing",
        "401|{\"message\":\"401 Unauthorized\"}|UNAUTHORIZED|401 Unauthorized",
        "403|{\"message\":\"403 Forbidden\"}|FORBIDDEN|403 Forbidden",
        "404|{\"message\":\"404 Project Not Found\"}|NOT_FOUND|404 Project Not Found",
        "409|{\"message\":[\"Another open merge request already exists for this source branch: !12\"]}|CONFLICT|"
            + "Another open merge request already exists for this source branch: !12",
        "422|{\"message\":\"Invalid target branch\"}|UNPROCESSABLE|Invalid target branch",
        "500|<html>Whoops</html>|UNAVAILABLE|<html>Whoops</html>",
        "418|{}|UNEXPECTED|{}"
    })
    @DisplayName("errors: status mapped to a kind, GitLab's message (string, list or error) in the exception")
    void errors(int status, String body, GitLabException.Kind kind, String message) {
        gitlab.stubFor(post(urlEqualTo(PROJECT_PATH + "/merge_requests")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
        assertThatThrownBy(() -> client.createMergeRequest("my-group/my-project", "a", "main", "t", "d"))
                .isInstanceOfSatisfying(GitLabException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).contains("POST /projects/my-group%2Fmy-project/merge_requests",
                            message);
                    assertThat(e.retriable()).isEqualTo(kind == GitLabException.Kind.UNAVAILABLE);
                });
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT_PATH + "/merge_requests")));
    }

    @Test
    @DisplayName("429: RATE_LIMITED with Retry-After, not retried (the calls are not idempotent)")
    void rateLimited() {
        gitlab.stubFor(post(urlEqualTo(PROJECT_PATH + "/repository/branches")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "60").withBody("Retry later")));
        assertThatThrownBy(() -> client.createBranch("my-group/my-project", "b", "main"))
                .isInstanceOfSatisfying(GitLabException.class, e -> {
                    assertThat(e.kind()).isEqualTo(GitLabException.Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(60));
                    assertThat(e.retriable()).isTrue();
                    assertThat(e.getMessage()).contains("Retry later");
                });
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT_PATH + "/repository/branches")));
    }

    @Test
    @DisplayName("a base URL with a path keeps it (GitLab under /gitlab); a blank token is refused")
    void baseUrlAndToken() {
        gitlab.stubFor(post(urlEqualTo("/gitlab/api/v4/projects/7/merge_requests")).willReturn(aResponse()
                .withStatus(201).withBody(GitLabFixtures.MERGE_REQUEST)));
        new GitLabClient(new OkHttpClient(), URI.create(gitlab.baseUrl() + "/gitlab"), TOKEN)
                .createMergeRequest("7", "a", "main", "t", "d");
        gitlab.verify(1, postRequestedFor(urlEqualTo("/gitlab/api/v4/projects/7/merge_requests")));
        assertThatThrownBy(() -> new GitLabClient(new OkHttpClient(), URI.create(gitlab.baseUrl()), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }
}
