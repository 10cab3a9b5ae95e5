package dev.salesagent.server.agentplatform.seed;

import java.time.Duration;
import java.util.Optional;

/**
 * GitLab's REST API refused a call. GitLab answers errors as JSON {@code {"message": ...}} (or {@code {"error": ...}})
 * with the status codes of <a href="https://docs.gitlab.com/api/rest/troubleshooting/#status-codes">REST API status
 * codes</a>; {@link #kind()} is what a caller can act on.
 */
public final class GitLabException extends RuntimeException {

    /** What went wrong, by status. */
    public enum Kind {
        /** 400: a parameter is missing or invalid (for example "Branch already exists" on branch creation). */
        BAD_REQUEST,
        /** 401: the token is missing, invalid, expired or revoked. */
        UNAUTHORIZED,
        /** 403: the token's user may not do this (role, protected branch, scope). */
        FORBIDDEN,
        /** 404: the project, branch or ref does not exist or is not visible to the token. */
        NOT_FOUND,
        /** 409: the resource exists (for example an open merge request for the source branch). */
        CONFLICT,
        /** 422: the request was understood but cannot be processed. */
        UNPROCESSABLE,
        /** 429: rate limited; see {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 5xx or no response: GitLab is unavailable; retry later. */
        UNAVAILABLE,
        /** Any other status. */
        UNEXPECTED
    }

    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param kind       what went wrong
     * @param status     the HTTP status, or 0 without a response
     * @param operation  the call, e.g. {@code POST /projects/42/repository/branches}
     * @param detail     GitLab's message
     * @param retryAfter the {@code Retry-After} of a 429, or null
     * @param cause      the I/O error, or null
     */
    public GitLabException(Kind kind, int status, String operation, String detail, Duration retryAfter,
                           Throwable cause) {
        super("GitLab " + operation + " failed: " + kind + (status == 0 ? "" : " (HTTP " + status + ")") + ": " + detail
                + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"), cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /**
     * {@return the kind of an HTTP status}
     *
     * @param status the HTTP status
     */
    public static Kind kindOf(int status) {
        return switch (status) {
            case 400 -> Kind.BAD_REQUEST;
            case 401 -> Kind.UNAUTHORIZED;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 422 -> Kind.UNPROCESSABLE;
            case 429 -> Kind.RATE_LIMITED;
            default -> status == 0 || status >= 500 ? Kind.UNAVAILABLE : Kind.UNEXPECTED;
        };
    }

    /** {@return what went wrong} */
    public Kind kind() {
        return kind;
    }

    /** {@return the HTTP status, or 0 without a response} */
    public int status() {
        return status;
    }

    /** {@return the {@code Retry-After} delay of a 429} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** {@return whether the same call may succeed later: 429 and unavailable} */
    public boolean retriable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE;
    }
}
