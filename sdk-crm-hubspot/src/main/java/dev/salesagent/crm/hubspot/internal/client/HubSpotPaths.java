package dev.salesagent.crm.hubspot.internal.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Builds HubSpot API paths for the configured API version: {@code v3} (objects and pipelines under {@code /crm/v3},
 * associations under {@code /crm/v4}) or a date version such as {@code 2026-03} ({@code /crm/objects/2026-03/...},
 * {@code /crm/associations/2026-03/...}, {@code /crm/pipelines/2026-03/...}).
 *
 * @see <a href="https://developers.hubspot.com/docs/api-reference/latest/crm/objects/contacts/guide">Date-versioned APIs</a>
 */
public final class HubSpotPaths {

    /** Accepted versions: {@code v3} or {@code YYYY-MM} (optionally {@code -beta}). */
    public static final Pattern VERSION = Pattern.compile("v3|\\d{4}-(0[1-9]|1[0-2])(-beta)?");

    private final boolean dated;
    private final String version;

    public HubSpotPaths(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("apiVersion must be v3 or YYYY-MM, was " + version);
        }
        this.version = version;
        this.dated = !version.equals("v3");
    }

    /** {@code /crm/v3/objects/{type}} or {@code /crm/objects/{version}/{type}}. */
    public String objects(String type) {
        return dated ? "/crm/objects/" + version + "/" + type : "/crm/v3/objects/" + type;
    }

    /** One record; the id is URL-encoded (it may be an e-mail when {@code idProperty} is used). */
    public String object(String type, String id) {
        return objects(type) + "/" + encode(id);
    }

    /** {@code POST .../{type}/gdpr-delete} (contacts only): permanent deletion. */
    public String gdprDelete(String type) {
        return objects(type) + "/gdpr-delete";
    }

    public String search(String type) {
        return objects(type) + "/search";
    }

    public String batchUpsert(String type) {
        return objects(type) + "/batch/upsert";
    }

    public String batchCreate(String type) {
        return objects(type) + "/batch/create";
    }

    public String batchUpdate(String type) {
        return objects(type) + "/batch/update";
    }

    public String batchRead(String type) {
        return objects(type) + "/batch/read";
    }

    /** Associations of one record: {@code GET .../{from}/{id}/associations/{to}} (v4 semantics). */
    public String associationsOf(String fromType, String id, String toType) {
        String base = dated ? "/crm/objects/" + version : "/crm/v4/objects";
        return base + "/" + fromType + "/" + encode(id) + "/associations/" + toType;
    }

    /** {@code POST .../associations/{from}/{to}/batch/read} (v4). */
    public String associationsBatchRead(String fromType, String toType) {
        return associationsBase() + "/" + fromType + "/" + toType + "/batch/read";
    }

    /** {@code POST .../associations/{from}/{to}/batch/associate/default} (v4). */
    public String associateDefault(String fromType, String toType) {
        return associationsBase() + "/" + fromType + "/" + toType + "/batch/associate/default";
    }

    /** {@code GET /crm/v3/pipelines/{type}}. */
    public String pipelines(String type) {
        return dated ? "/crm/pipelines/" + version + "/" + type : "/crm/v3/pipelines/" + type;
    }

    /** OAuth token endpoint (not versioned). */
    public static String token() {
        return "/oauth/v1/token";
    }

    private String associationsBase() {
        return dated ? "/crm/associations/" + version : "/crm/v4/associations";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
