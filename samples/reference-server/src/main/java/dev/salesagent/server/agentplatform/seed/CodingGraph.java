package dev.salesagent.server.agentplatform.seed;

import dev.salesagent.agents.graph.CompileConfig;
import dev.salesagent.agents.graph.CompiledGraph;
import dev.salesagent.agents.graph.Key;
import dev.salesagent.agents.graph.StateGraph;
import dev.salesagent.agents.graph.Update;
import dev.salesagent.agents.platform.GraphProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code coding} assistant: {@code code -> merge_request}. Input {@code {"requirements": "...", "name": "..."}}
 * ({@code name} optional: the feature's name, else the first words of the requirements).
 * <ul>
 *   <li>{@code code}: the chat model writes a Java file when configured; the rules write a template skeleton (an
 *       interface with one documented method per requirement line); both add the requirements as a Markdown
 *       checklist ({@code code_method: rules|model});</li>
 *   <li>{@code merge_request}: through {@link GitLabClient}: a branch {@code agent/<slug>-<hash>} from the target
 *       branch, one commit with the files, a merge request into the target branch. GitLab's base URL and token come
 *       from {@code salesagent.agentplatform.seed.gitlab.*} only; the project and target branch may be overridden per
 *       run ({@code config.configurable.gitlab_project}, {@code gitlab_target_branch}). Not configured, or refused by
 *       GitLab: {@code opened: false} with the reason, the step and the error kind.</li>
 * </ul>
 */
public final class CodingGraph implements GraphProvider {

    static final Key<String> REQUIREMENTS = Key.of("requirements", String.class);
    static final Key<String> NAME = Key.of("name", String.class);
    static final Key<String> BRANCH = Key.of("branch", String.class);
    static final Key<List<GitLabClient.FileAction>> FILES = Key.listOf("files", GitLabClient.FileAction.class);
    static final Key<String> CODE_METHOD = Key.of("code_method", String.class);
    static final Key<String> CODE_MODEL = Key.of("code_model", String.class);
    static final Key<MergeRequestResult> MERGE_REQUEST = Key.of("merge_request", MergeRequestResult.class);

    /** {@code config.configurable} key overriding the project. */
    public static final String PROJECT_KEY = "gitlab_project";
    /** {@code config.configurable} key overriding the target branch. */
    public static final String TARGET_KEY = "gitlab_target_branch";

    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\n(.*?)```", Pattern.DOTALL);

    /**
     * What happened to the merge request.
     *
     * @param opened    whether it was opened
     * @param reason    why not, or null
     * @param step      the step that failed ({@code branch}, {@code commit}, {@code merge_request}), or null
     * @param errorKind the {@link GitLabException.Kind}, or null
     * @param status    GitLab's HTTP status of the failure, else 0
     * @param project   the project, or null when not configured
     * @param branch    the source branch
     * @param commitId  the commit's SHA, or null
     * @param iid       the merge request's project-scoped id, or 0
     * @param webUrl    the merge request's page, or null
     */
    public record MergeRequestResult(boolean opened, String reason, String step, String errorKind, int status,
                                     String project, String branch, String commitId, long iid, String webUrl) {
    }

    private final SeedModel model;
    private final GitLabClient gitlab;
    private final SeedAgentProperties.Gitlab settings;
    private final RunConfigurable configurable;

    /**
     * Creates the provider.
     *
     * @param model        the chat model, or {@link SeedModel#rules()}
     * @param gitlab       the GitLab client, or null when base URL or token are not configured
     * @param settings     the configured project and target branch
     * @param configurable where a run's {@code config.configurable} comes from
     */
    public CodingGraph(SeedModel model, GitLabClient gitlab, SeedAgentProperties.Gitlab settings,
                       RunConfigurable configurable) {
        this.model = Objects.requireNonNull(model, "model");
        this.gitlab = gitlab;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.configurable = Objects.requireNonNull(configurable, "configurable");
    }

    @Override
    public String graphId() {
        return "coding";
    }

    @Override
    public String description() {
        return "Turns requirements into code (a template skeleton offline, a model when configured) and opens a"
                + " GitLab merge request with it.";
    }

    @Override
    public CompiledGraph compile(Context context) {
        String tenant = context.tenant();
        return StateGraph.of(REQUIREMENTS, NAME, BRANCH, FILES, CODE_METHOD, CODE_MODEL, MERGE_REQUEST)
                .addNode("code", (s, c) -> code(s.get(REQUIREMENTS), s.get(NAME), c.threadId()))
                .addNode("merge_request", (s, c) -> Update.of(MERGE_REQUEST, open(s.get(REQUIREMENTS), s.get(NAME),
                        s.get(BRANCH), s.get(FILES), s.get(CODE_METHOD), tenant, c.threadId())))
                .addEdge(StateGraph.START, "code").addEdge("code", "merge_request")
                .addEdge("merge_request", StateGraph.END)
                .compile(CompileConfig.builder().name("coding").checkpointer(context.checkpointer()).build());
    }

    /** {@return the non-blank requirement lines, list markers removed} */
    static List<String> lines(String requirements) {
        List<String> out = new ArrayList<>();
        for (String line : requirements.split("\\R")) {
            String l = line.strip().replaceFirst("^([-*+]|\\d+[.)])\\s+", "").strip();
            if (!l.isEmpty()) {
                out.add(l);
            }
        }
        return out;
    }

    /** {@return lower-case words joined by '-', at most 40 characters} */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        s = s.length() > 40 ? s.substring(0, 40).replaceAll("-+$", "") : s;
        return s.isEmpty() ? "change" : s;
    }

    private static String camel(String text, boolean upperFirst) {
        StringBuilder b = new StringBuilder();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.isEmpty()) {
                continue;
            }
            boolean first = b.isEmpty();
            b.append(first && !upperFirst ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        String s = b.isEmpty() ? "Feature" : b.toString();
        return Character.isDigit(s.charAt(0)) ? (upperFirst ? "F" : "f") + s : s;
    }

    Update code(String requirements, String name, String threadId) {
        if (requirements == null || requirements.isBlank()) {
            throw new IllegalArgumentException("input 'requirements' is required and must not be blank");
        }
        List<String> lines = lines(requirements);
        String title = name != null && !name.isBlank() ? name.strip()
                : String.join(" ", List.of(lines.get(0).split("\\s+")).subList(0, Math.min(5, lines.get(0)
                .split("\\s+").length)));
        String slug = slug(title);
        String type = camel(title, true);
        String branch = "agent/" + slug + "-" + hash(requirements + "\n" + threadId);
        StringBuilder doc = new StringBuilder("# ").append(title).append("\n\nRequirements:\n\n");
        lines.forEach(l -> doc.append("- [ ] ").append(l).append('\n'));
        GitLabClient.FileAction checklist = new GitLabClient.FileAction("create", "docs/requirements/" + slug + ".md",
                doc.toString());
        String path = "src/main/java/generated/" + type + ".java";
        Optional<SeedModel.Answer> answer = model.ask("You are a senior Java 17 engineer. Write one complete Java source"
                + " file, package 'generated', public type named " + type + ", that meets the requirements. Answer"
                + " with the file in one ```java fenced block.", requirements);
        if (answer.isPresent()) {
            Matcher m = FENCE.matcher(answer.get().text());
            String source = m.find() ? m.group(1) : answer.get().text();
            if (source.contains(type) && !source.isBlank()) {
                return Update.of(BRANCH, branch, FILES, List.of(checklist,
                                new GitLabClient.FileAction("create", path, source.endsWith("\n") ? source : source + "\n")))
                        .and(CODE_METHOD, SeedModel.MODEL).and(CODE_MODEL, answer.get().model());
            }
        }
        StringBuilder java = new StringBuilder("package generated;\n\n/**\n * ").append(title)
                .append(".\n *\n * <p>Skeleton generated from the requirements (docs/requirements/").append(slug)
                .append(".md); one method per requirement.\n */\npublic interface ").append(type).append(" {\n");
        List<String> used = new ArrayList<>();
        for (String l : lines) {
            String method = camel(l.split("[.:;]")[0], false);
            method = method.length() > 60 ? method.substring(0, 60) : method;
            String unique = method;
            for (int i = 2; used.contains(unique); i++) {
                unique = method + i;
            }
            used.add(unique);
            java.append("\n    /** ").append(l.replace("*/", "* /")).append(" */\n    void ").append(unique)
                    .append("();\n");
        }
        java.append("}\n");
        return Update.of(BRANCH, branch, FILES, List.of(checklist, new GitLabClient.FileAction("create", path,
                java.toString()))).and(CODE_METHOD, SeedModel.RULES);
    }

    MergeRequestResult open(String requirements, String name, String branch, List<GitLabClient.FileAction> files,
                            String method, String tenant, String threadId) {
        String project = configurable.string(tenant, threadId, PROJECT_KEY).orElse(settings.project());
        String target = configurable.string(tenant, threadId, TARGET_KEY).orElse(settings.targetBranch());
        if (gitlab == null || project == null || project.isBlank()) {
            return new MergeRequestResult(false, "GitLab is not configured: set salesagent.agentplatform.seed.gitlab."
                    + "base-url, .token and .project (SALESAGENT_AGENTPLATFORM_SEED_GITLAB_BASE_URL, _TOKEN, _PROJECT)",
                    null, null, 0, project, branch, null, 0, null);
        }
        List<String> lines = lines(requirements);
        String title = (name != null && !name.isBlank() ? name.strip() : lines.get(0));
        title = title.length() > 200 ? title.substring(0, 200) : title;
        String step = "branch";
        String commitId = null;
        try {
            gitlab.createBranch(project, branch, target);
            step = "commit";
            commitId = gitlab.createCommit(project, branch, "Add " + title + " (" + method + ")", files).id();
            step = "merge_request";
            StringBuilder description = new StringBuilder("Opened by the `coding` assistant (code by ")
                    .append(method).append(").\n\nRequirements:\n\n");
            lines.forEach(l -> description.append("- ").append(l).append('\n'));
            GitLabClient.MergeRequest mr = gitlab.createMergeRequest(project, branch, target, "Draft: " + title,
                    description.toString());
            return new MergeRequestResult(true, null, null, null, 201, project, branch, commitId, mr.iid(),
                    mr.webUrl());
        } catch (GitLabException e) {
            return new MergeRequestResult(false, e.getMessage(), step, e.kind().name(), e.status(), project, branch,
                    commitId, 0, null);
        }
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public Optional<Map<String, Object>> inputSchema() {
        return Optional.of(Map.of("title", "coding input", "type", "object", "required", List.of("requirements"),
                "properties", Map.of(
                        "requirements", Map.of("type", "string", "minLength", 1,
                                "description", "what the code must do, one requirement per line"),
                        "name", Map.of("type", "string", "description", "the feature's name (default: the first"
                                + " words of the requirements)"))));
    }

    @Override
    public Optional<Map<String, Object>> configSchema() {
        return Optional.of(Map.of("title", "coding config", "type", "object", "properties", Map.of(
                PROJECT_KEY, Map.of("type", "string", "description", "GitLab project id or path for this run"),
                TARGET_KEY, Map.of("type", "string", "description", "target branch for this run"))));
    }
}
