package dev.salesagent.crm.salesforce.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OAuth 2.0 token response. Salesforce sends no {@code expires_in}: the session lives until the org's session timeout,
 * so the adapter refreshes on {@code 401 INVALID_SESSION_ID}. {@code instance_url} is the API base.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("instance_url") String instanceUrl,
                            @JsonProperty("id") String identityUrl,
                            @JsonProperty("token_type") String tokenType,
                            @JsonProperty("issued_at") String issuedAt,
                            @JsonProperty("scope") String scope,
                            @JsonProperty("error") String error,
                            @JsonProperty("error_description") String errorDescription) { }
