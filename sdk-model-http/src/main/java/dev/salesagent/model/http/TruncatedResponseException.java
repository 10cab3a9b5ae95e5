package dev.salesagent.model.http;

import dev.langchain4j.exception.LangChain4jException;

import java.net.ProtocolException;

/**
 * A provider response whose status line and headers arrived but whose body broke the HTTP protocol: fewer bytes than
 * its {@code Content-Length}, a chunked body cut off or with a malformed chunk, or the connection closed mid-body.
 * The request reached the provider (and may be billed), so this is not a connection failure. The cause is a
 * {@link ProtocolException} describing what was received (itself caused by OkHttp's {@code IOException}); sdk-core's
 * router classifies it as {@code ModelCallException.Reason.PROTOCOL_ERROR}: retried on the same endpoint like a
 * server error, then failed over.
 */
public final class TruncatedResponseException extends LangChain4jException {

    /** HTTP status of the response whose body could not be read. */
    private final int statusCode;

    /**
     * @param where      method and URL of the request, e.g. {@code POST https://api.openai.com/v1/chat/completions}
     * @param statusCode HTTP status of the response
     * @param declared   the response's {@code Content-Length} in bytes, or -1 when it had none (chunked)
     * @param cause      OkHttp's failure while reading the body
     */
    TruncatedResponseException(String where, int statusCode, long declared, java.io.IOException cause) {
        super(message(where, statusCode, declared, cause), protocolError(statusCode, declared, cause));
        this.statusCode = statusCode;
    }

    /** {@return the HTTP status of the response whose body was cut off or malformed} */
    public int statusCode() {
        return statusCode;
    }

    private static String message(String where, int statusCode, long declared, java.io.IOException cause) {
        return where + " returned HTTP " + statusCode + " but its body was truncated or malformed ("
                + (declared >= 0 ? "Content-Length " + declared + " bytes" : "chunked") + "): " + cause;
    }

    private static ProtocolException protocolError(int statusCode, long declared, java.io.IOException cause) {
        ProtocolException p = new ProtocolException("HTTP " + statusCode + " body "
                + (declared >= 0 ? "shorter than its Content-Length of " + declared + " bytes" : "chunks cut or malformed")
                + ": " + cause.getMessage());
        p.initCause(cause);
        return p;
    }
}
