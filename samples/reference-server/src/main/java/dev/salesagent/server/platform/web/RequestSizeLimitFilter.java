package dev.salesagent.server.platform.web;

import dev.salesagent.server.platform.PlatformProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code salesagent.platform.max-request-bytes} with 413: at once when
 * {@code Content-Length} says so, and while reading for chunked bodies (the read fails, and the problem handler turns
 * that into 413). The lead CSV import ({@value #IMPORT_PATH}) has its own larger limit,
 * {@code salesagent.workspace.lead-import.max-bytes} (default 100 MiB); Spring's multipart settings bound it too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** The one path with a larger body limit: the streamed lead CSV import. */
    static final String IMPORT_PATH = "/api/v1/leads/import";

    private final long maxBytes;
    private final long importMaxBytes;
    private final Problems problems;

    RequestSizeLimitFilter(PlatformProperties properties, Problems problems,
                           @org.springframework.beans.factory.annotation.Value(
                                   "${salesagent.workspace.lead-import.max-bytes:104857600}") long importMaxBytes) {
        this.maxBytes = properties.maxRequestBytes();
        this.importMaxBytes = importMaxBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = IMPORT_PATH.equals(request.getRequestURI()) ? importMaxBytes : maxBytes;
        if (request.getContentLengthLong() > limit) {
            problems.write(request, response, problem());
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /** The 413 problem. */
    static ProblemDetail problem() {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", "Request body too large",
                "The request body exceeds the server's limit");
    }

    /** Whether an exception was caused by a body over the limit. */
    static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooLargeException) {
                return true;
            }
        }
        return false;
    }

    /** Thrown by the counting stream when the body passes the limit. */
    static final class TooLargeException extends IOException {
        TooLargeException() {
            super("request body exceeds the limit");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++count > max) {
                            throw new TooLargeException();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (count += n) > max) {
                            throw new TooLargeException();
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
