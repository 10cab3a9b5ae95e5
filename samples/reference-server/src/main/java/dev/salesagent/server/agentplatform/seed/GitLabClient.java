package dev.salesagent.server.agentplatform.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The three GitLab REST API v4 calls that open a merge request, authenticated with a {@code PRIVATE-TOKEN} header
 * (<a href="https://docs.gitlab.com/api/rest/authentication/">REST API authentication</a>), JSON bodies, the project
 * named by id or URL-encoded path (<a href="https://docs.gitlab.com/api/rest/#namespaced-paths">namespaced paths</a>):
 * <ol>
 *   <li>{@link #createBranch}: {@code POST /projects/:id/repository/branches} {@code {branch, ref}}
 *       (<a href="https://docs.gitlab.com/api/branches/#create-repository-branch">Create repository branch</a>),
 *       201 with the branch;</li>
 *   <li>{@link #createCommit}: {@code POST /projects/:id/repository/commits} {@code {branch, commit_message,
 *       actions: [{action, file_path, content}]}}
 *       (<a href="https://docs.gitlab.com/api/commits/#create-a-commit-with-multiple-files-and-actions">Create a
 *       commit with multiple files and actions</a>), 201 with the commit;</li>
 *   <li>{@link #createMergeRequest}: {@code POST /projects/:id/merge_requests} {@code {source_branch, target_branch,
 *       title, description, remove_source_branch}} (<a href="https://docs.gitlab.com/api/merge_requests/#create-mr">
 *       Create MR</a>), 201 with the merge request; 409 when one is already open for the source branch.</li>
 * </ol>
 * Errors are {@link GitLabException}s typed by status. Nothing is retried: the calls are not idempotent; a 429 carries
 * its {@code Retry-After}.
 */
public final class GitLabClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http;
    private final HttpUrl api;
    private final String token;

    /**
     * Creates a client.
     *
     * @param http    the shared OkHttp client
     * @param baseUrl the GitLab instance, e.g. {@code https://gitlab.com} ({@code /api/v4} is added)
     * @param token   an access token with the {@code api} scope
     * @throws IllegalArgumentException if the base URL is not http(s) or the token is blank
     */
    public GitLabClient(OkHttpClient http, URI baseUrl, String token) {
        this.http = Objects.requireNonNull(http, "http");
        HttpUrl base = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl").toString());
        if (base == null) {
            throw new IllegalArgumentException("GitLab base URL must be an http(s) URL but was '" + baseUrl + "'");
        }
        HttpUrl.Builder b = base.newBuilder();
        List<String> segments = base.pathSegments();
        if (segments.size() == 1 && segments.get(0).isEmpty()) {
            b.encodedPath("/");
        }
        this.api = b.addPathSegment("api").addPathSegment("v4").build();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("GitLab token must not be blank");
        }
        this.token = token;
    }

    /**
     * A created branch.
     *
     * @param name     the branch name
     * @param commitId the id of the commit it points at
     * @param webUrl   the branch's page
     */
    public record Branch(String name, String commitId, String webUrl) {
    }

    /**
     * A created commit.
     *
     * @param id      the full SHA
     * @param shortId the short SHA
     * @param webUrl  the commit's page
     */
    public record Commit(String id, String shortId, String webUrl) {
    }

    /**
     * One file action of a commit (only {@code create} and {@code update} are used here).
     *
     * @param action   {@code create} or {@code update}
     * @param filePath the file's path in the repository
     * @param content  the file's content (text)
     */
    public record FileAction(String action, String filePath, String content) {
    }

    /**
     * A created merge request.
     *
     * @param id     the global id
     * @param iid    the project-scoped id ({@code !iid})
     * @param state  {@code opened}
     * @param webUrl the merge request's page
     */
    public record MergeRequest(long id, long iid, String state, String webUrl) {
    }

    /**
     * Creates a branch.
     *
     * @param project the project id or path
     * @param branch  the new branch's name
     * @param ref     the branch, tag or SHA it starts from
     * @return the branch
     * @throws GitLabException when GitLab refuses (400 "Branch already exists", 401, 403, 404 ...)
     */
    public Branch createBranch(String project, String branch, String ref) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branch", branch);
        body.put("ref", ref);
        JsonNode b = post(project, List.of("repository", "branches"), body);
        return new Branch(b.path("name").asText(), b.path("commit").path("id").asText(null),
                b.path("web_url").asText(null));
    }

    /**
     * Commits files to a branch.
     *
     * @param project the project id or path
     * @param branch  the branch to commit to
     * @param message the commit message
     * @param actions the file actions
     * @return the commit
     * @throws GitLabException when GitLab refuses (400 for a file that exists on {@code create} ...)
     */
    public Commit createCommit(String project, String branch, String message, List<FileAction> actions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branch", branch);
        body.put("commit_message", message);
        body.put("actions", actions.stream().map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", a.action());
            m.put("file_path", a.filePath());
            m.put("content", a.content());
            return m;
        }).toList());
        JsonNode c = post(project, List.of("repository", "commits"), body);
        return new Commit(c.path("id").asText(), c.path("short_id").asText(null), c.path("web_url").asText(null));
    }

    /**
     * Opens a merge request.
     *
     * @param project      the project id or path
     * @param source       the source branch
     * @param target       the target branch
     * @param title        the title
     * @param description  the description (Markdown)
     * @return the merge request
     * @throws GitLabException when GitLab refuses (409 when one is open for the source branch ...)
     */
    public MergeRequest createMergeRequest(String project, String source, String target, String title,
                                           String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source_branch", source);
        body.put("target_branch", target);
        body.put("title", title);
        body.put("description", description);
        body.put("remove_source_branch", true);
        JsonNode mr = post(project, List.of("merge_requests"), body);
        return new MergeRequest(mr.path("id").asLong(), mr.path("iid").asLong(), mr.path("state").asText(null),
                mr.path("web_url").asText(null));
    }

    private JsonNode post(String project, List<String> path, Map<String, Object> body) {
        HttpUrl.Builder url = api.newBuilder().addPathSegment("projects").addPathSegment(project);
        path.forEach(url::addPathSegment);
        HttpUrl target = url.build();
        String operation = "POST /projects/" + target.encodedPathSegments().get(api.pathSize() + 1) + "/"
                + String.join("/", path);
        String json;
        try {
            json = MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the request body", e);
        }
        Request request = new Request.Builder().url(target).header("PRIVATE-TOKEN", token)
                .header("Accept", "application/json").post(RequestBody.create(json, JSON)).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody rb = response.body();
            String text = rb == null ? "" : rb.string();
            if (response.isSuccessful()) {
                return MAPPER.readTree(text.isEmpty() ? "{}" : text);
            }
            throw new GitLabException(GitLabException.kindOf(response.code()), response.code(), operation,
                    message(text), retryAfter(response.header("Retry-After")), null);
        } catch (JsonProcessingException e) {
            throw new GitLabException(GitLabException.Kind.UNEXPECTED, 0, operation, "response is not JSON: "
                    + e.getOriginalMessage(), null, e);
        } catch (IOException e) {
            throw new GitLabException(GitLabException.Kind.UNAVAILABLE, 0, operation, String.valueOf(e.getMessage()),
                    null, e);
        }
    }

    /** GitLab's {@code message} (a string, or an object/array of field errors) or {@code error}; else the body. */
    static String message(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            JsonNode m = n.has("message") ? n.get("message") : n.path("error");
            if (m.isTextual()) {
                return m.asText();
            }
            if (!m.isMissingNode() && !m.isNull()) {
                return m.toString();
            }
        } catch (JsonProcessingException notJson) {
            // a proxy's HTML or text page: report it as it came
        }
        String trimmed = body.strip();
        return trimmed.isEmpty() ? "(empty body)" : trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed;
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            return null;
        }
    }
}
