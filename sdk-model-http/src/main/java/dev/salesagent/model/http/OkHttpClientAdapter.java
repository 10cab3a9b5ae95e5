package dev.salesagent.model.http;

import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * LangChain4j's {@link HttpClient} SPI on OkHttp. A non-2xx response becomes a {@link ProviderHttpException}
 * carrying status, headers and body; a timeout becomes LangChain4j's {@link TimeoutException} with the
 * {@link java.net.SocketTimeoutException} as cause; a body cut off or malformed after the status line (fewer bytes than
 * its {@code Content-Length}, a broken chunked stream) a {@link TruncatedResponseException} (a protocol error, not a
 * connection failure); other I/O failures a {@link LangChain4jException} with the {@link IOException} as cause.
 */
public final class OkHttpClientAdapter implements HttpClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;

    OkHttpClientAdapter(OkHttpClient client) {
        this.client = client;
    }

    /**
     * {@return a builder for LangChain4j model builders' {@code httpClientBuilder(...)}; variants of {@code base}}
     *
     * @param base the OkHttp client whose pool and interceptors are shared
     */
    public static HttpClientBuilder builder(OkHttpClient base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try (Response response = client.newCall(toOkHttp(request)).execute()) {
            String text = readBody(request, response);
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response.code(), response.headers().toMultimap(), text);
            }
            return SuccessfulHttpResponse.builder().statusCode(response.code())
                    .headers(response.headers().toMultimap()).body(text).build();
        } catch (IOException e) {
            throw ioFailure(request, e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try (Response response = client.newCall(toOkHttp(request)).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                listener.onError(new ProviderHttpException(response.code(), response.headers().toMultimap(),
                        readBody(request, response)));
                return;
            }
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.code())
                    .headers(response.headers().toMultimap()).build());
            if (body != null) {
                parser.parse(new BodyStream(body.byteStream(), request, response), listener);
            }
            listener.onClose();
        } catch (IOException e) {
            listener.onError(e.getCause() instanceof TruncatedResponseException t ? t : ioFailure(request, e));
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    /**
     * The whole body as text; a failure while reading it (after the status line and headers arrived) is a
     * {@link TruncatedResponseException}, except a read timeout, which stays a timeout.
     */
    private static String readBody(HttpRequest request, Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return "";
        }
        try {
            return body.string();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw truncated(request, response, e);
        }
    }

    private static TruncatedResponseException truncated(HttpRequest request, Response response, IOException e) {
        ResponseBody body = response.body();
        return new TruncatedResponseException(request.method() + " " + request.url(), response.code(),
                body == null ? -1 : body.contentLength(), e);
    }

    /**
     * The event stream's body: a read failure other than a timeout becomes a {@link TruncatedResponseException},
     * which LangChain4j's parser passes to the listener's {@code onError}.
     */
    private static final class BodyStream extends java.io.FilterInputStream {
        private final HttpRequest request;
        private final Response response;

        BodyStream(java.io.InputStream in, HttpRequest request, Response response) {
            super(in);
            this.request = request;
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException(truncated(request, response, e));
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException(truncated(request, response, e));
            }
        }
    }

    private static RuntimeException ioFailure(HttpRequest request, IOException e) {
        String where = request.method() + " " + request.url();
        if (e instanceof InterruptedIOException) {
            return new TimeoutException(where + " timed out: " + e.getMessage(), e);
        }
        return new LangChain4jException(where + " failed: " + e, e);
    }

    private static Request toOkHttp(HttpRequest request) {
        Request.Builder b = new Request.Builder().url(request.url());
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            for (String v : h.getValue()) {
                b.addHeader(h.getKey(), v);
            }
        }
        RequestBody body = request.body() == null ? null : RequestBody.create(request.body(), JSON);
        switch (request.method()) {
            case GET -> b.get();
            case DELETE -> b.delete(body);
            case POST -> b.post(body == null ? RequestBody.create(new byte[0], null) : body);
        }
        return b.build();
    }

    static final class Builder implements HttpClientBuilder {
        private final OkHttpClient base;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(OkHttpClient base) {
            this.base = base;
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public HttpClient build() {
            OkHttpClient.Builder b = base.newBuilder();
            if (connectTimeout != null) {
                b.connectTimeout(connectTimeout);
            }
            if (readTimeout != null) {
                b.readTimeout(readTimeout);
            }
            return new OkHttpClientAdapter(b.build());
        }
    }
}
