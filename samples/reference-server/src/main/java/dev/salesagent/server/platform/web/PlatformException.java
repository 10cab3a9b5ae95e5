package dev.salesagent.server.platform.web;

import java.net.URI;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * The server's one unchecked root exception: every refusal a caller can act on, mapped to an RFC 9457 problem
 * detail with this status, {@code type} ({@code urn:salesagent:problem:<code>}), title and detail.
 *
 * <p>Use the factories ({@link #notFound}, {@link #conflict}, ...) so that codes stay few and stable.
 */
public class PlatformException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;

    /**
     * Creates a problem.
     *
     * @param status the HTTP status
     * @param code short stable code, the last part of the problem {@code type} (e.g. {@code not-found})
     * @param title human summary that does not change between occurrences
     * @param detail what went wrong this time; shown to the client, so never secrets or other tenants' data
     */
    public PlatformException(HttpStatus status, String code, String title, String detail) {
        super(detail);
        this.status = Objects.requireNonNull(status);
        this.code = Objects.requireNonNull(code);
        this.title = Objects.requireNonNull(title);
    }

    /** 404: the resource does not exist in the caller's tenant (also used for other tenants' ids). */
    public static PlatformException notFound(String what) {
        return new PlatformException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " not found");
    }

    /** 409: the request conflicts with the current state (duplicate e-mail, slug, ...). */
    public static PlatformException conflict(String detail) {
        return new PlatformException(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
    }

    /** 400: a request that is well-formed but not acceptable. */
    public static PlatformException badRequest(String detail) {
        return new PlatformException(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail);
    }

    /** 403: signed in but not allowed. */
    public static PlatformException forbidden(String detail) {
        return new PlatformException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** 401: credentials or token not accepted. */
    public static PlatformException unauthorized(String code, String detail) {
        return new PlatformException(HttpStatus.UNAUTHORIZED, code, "Unauthorized", detail);
    }

    /** The HTTP status. */
    public HttpStatus status() {
        return status;
    }

    /** The stable code. */
    public String code() {
        return code;
    }

    /** The problem title. */
    public String title() {
        return title;
    }

    /** The problem {@code type} URI. */
    public URI type() {
        return Problems.type(code);
    }
}
