package dev.salesagent.crm.netsuite.internal.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Access token response of {@code POST /services/rest/auth/oauth2/v1/token}
 * (<a href="https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_162755359851.html">doc</a>).
 * NetSuite sends {@code expires_in} as a string of seconds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenResponse(@JsonProperty("access_token") String accessToken,
                            @JsonProperty("expires_in") String expiresIn,
                            @JsonProperty("token_type") String tokenType) {
}
