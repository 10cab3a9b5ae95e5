package dev.salesagent.server.agentplatform.seed;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the seed assistants ({@code salesagent.agentplatform.seed.*}); every value can also come from the
 * environment (for example {@code SALESAGENT_AGENTPLATFORM_SEED_SLACK_WEBHOOK_URL}). A run's
 * {@code config.configurable} overrides the per-run values named on each assistant.
 *
 * @param slackWebhookUrl   the marketing assistant's Slack-compatible incoming webhook, or null (posts are then not
 *                          published, and the result says why)
 * @param gitlab            the coding assistant's GitLab project
 * @param httpTimeout       connect/read/write timeout of the outgoing HTTP calls (default 10 s)
 * @param deniedLicenses    SPDX licence ids the security assistant's compliance check rejects
 * @param bannedPackages    packages the security assistant rejects whatever their version ({@code group:artifact} for
 *                          Maven, the package name for npm)
 */
@ConfigurationProperties("salesagent.agentplatform.seed")
public record SeedAgentProperties(URI slackWebhookUrl, @DefaultValue Gitlab gitlab,
                                  @DefaultValue("10s") Duration httpTimeout,
                                  @DefaultValue({"AGPL-3.0-only", "AGPL-3.0-or-later", "GPL-3.0-only",
                                      "GPL-3.0-or-later", "SSPL-1.0"}) List<String> deniedLicenses,
                                  @DefaultValue({"log4j:log4j", "request"}) List<String> bannedPackages) {

    /**
     * Validates the values.
     *
     * @param slackWebhookUrl the incoming webhook, or null
     * @param gitlab          the GitLab project
     * @param httpTimeout     the HTTP timeout
     * @param deniedLicenses  denied SPDX ids
     * @param bannedPackages  banned packages
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public SeedAgentProperties {
        if (httpTimeout == null || httpTimeout.isZero() || httpTimeout.isNegative()) {
            throw new IllegalArgumentException("salesagent.agentplatform.seed.http-timeout must be > 0 but was "
                    + httpTimeout);
        }
        deniedLicenses = deniedLicenses == null ? List.of() : List.copyOf(deniedLicenses);
        bannedPackages = bannedPackages == null ? List.of() : List.copyOf(bannedPackages);
        gitlab = gitlab == null ? new Gitlab(null, null, null, "main") : gitlab;
    }

    /**
     * The coding assistant's GitLab project ({@code salesagent.agentplatform.seed.gitlab.*}).
     *
     * @param baseUrl      the GitLab instance, e.g. {@code https://gitlab.com} (the client adds {@code /api/v4}), or
     *                     null (no merge request is opened, and the result says why)
     * @param token        a personal, project or group access token with the {@code api} scope, sent as
     *                     {@code PRIVATE-TOKEN}
     * @param project      the project id or its path ({@code group/project}, URL-encoded by the client)
     * @param targetBranch the branch the merge request targets and the new branch starts from (default {@code main})
     */
    public record Gitlab(URI baseUrl, String token, String project, @DefaultValue("main") String targetBranch) {

        /**
         * Applies the default target branch.
         *
         * @param baseUrl      the GitLab instance, or null
         * @param token        the access token, or null
         * @param project      the project id or path, or null
         * @param targetBranch the target branch, or null for {@code main}
         */
        public Gitlab {
            targetBranch = targetBranch == null || targetBranch.isBlank() ? "main" : targetBranch;
        }
    }
}
