package dev.salesagent.crm.salesforce;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's API request usage as Salesforce last reported it in the {@code Sforce-Limit-Info} response header
 * ({@code api-usage=N/M}: requests used in the rolling 24 hours / the org's allocation), see
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm.
 *
 * @param used       requests counted in the rolling 24-hour window
 * @param limit      the org's 24-hour allocation
 * @param observedAt when the response carrying the header was received (client clock)
 */
public record ApiUsage(long used, long limit, Instant observedAt) {

    private static final Pattern API_USAGE = Pattern.compile("(?:^|[;,\\s])api-usage=(\\d+)/(\\d+)");

    /** {@return requests left in the window, never negative} */
    public long remaining() {
        return Math.max(0, limit - used);
    }

    /** {@return {@code used / limit} in 0..1 (1 when the limit is 0)} */
    public double fractionUsed() {
        return limit == 0 ? 1.0 : Math.min(1.0, (double) used / limit);
    }

    /** {@return whether the allocation is used up} */
    public boolean exhausted() {
        return used >= limit;
    }

    /**
     * Parses a {@code Sforce-Limit-Info} value such as {@code api-usage=18/5000}.
     *
     * @param header the header value; may be null
     * @param observedAt when the response carrying it arrived
     * @return the usage, or empty when the value has no api-usage
     */
    public static Optional<ApiUsage> parse(String header, Instant observedAt) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = API_USAGE.matcher(header);
        return m.find() ? Optional.of(new ApiUsage(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), observedAt))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "api-usage " + used + "/" + limit + " (" + remaining() + " left at " + observedAt + ")";
    }
}
