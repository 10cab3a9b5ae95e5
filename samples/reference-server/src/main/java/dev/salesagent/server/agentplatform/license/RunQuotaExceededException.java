package dev.salesagent.server.agentplatform.license;

import dev.salesagent.server.platform.web.PlatformException;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;

/**
 * A run refused because the tenant created its licensed number of runs this calendar month: 429
 * {@code run-quota-exceeded} with the limit, the period and when it resets ({@link LicenseProblems}).
 */
public class RunQuotaExceededException extends PlatformException {

    private final int limit;
    private final LocalDate period;
    private final Instant resetsAt;

    /**
     * Creates the refusal.
     *
     * @param limit    the runs per month the license allows
     * @param period   the first day of the current period (UTC)
     * @param resetsAt the first instant of the next period
     */
    public RunQuotaExceededException(int limit, LocalDate period, Instant resetsAt) {
        super(HttpStatus.TOO_MANY_REQUESTS, "run-quota-exceeded", "Run quota exceeded",
                "Your tenant's license allows " + limit + " runs per month and this month's are used; the quota resets"
                        + " at " + resetsAt + ".");
        this.limit = limit;
        this.period = period;
        this.resetsAt = resetsAt;
    }

    /** {@return the runs per month the license allows} */
    public int limit() {
        return limit;
    }

    /** {@return the first day of the current period (UTC)} */
    public LocalDate period() {
        return period;
    }

    /** {@return the first instant of the next period} */
    public Instant resetsAt() {
        return resetsAt;
    }
}
