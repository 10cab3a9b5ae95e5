package dev.salesagent.core.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fires the router's {@link ChatModelListener}s once per logical call (not per attempt): {@code onRequest} before
 * routing with the router's {@link ModelProvider}, then {@code onResponse} or {@code onError} with the routed
 * endpoint's provider and the {@link ModelRouter}{@code .ATTRIBUTE_*} attributes. A listener that throws is logged and
 * ignored.
 */
final class RouterListeners {

    private static final Logger log = LoggerFactory.getLogger(ModelRouter.class);

    private final List<ChatModelListener> listeners;
    private final ModelProvider provider;

    RouterListeners(List<ChatModelListener> listeners, ModelProvider provider) {
        this.listeners = List.copyOf(listeners);
        this.provider = provider;
    }

    List<ChatModelListener> listeners() {
        return listeners;
    }

    ModelProvider provider() {
        return provider;
    }

    ChatResponse chat(RouterEngine engine, RouterEngine.Route route, ChatRequest request, ChatRequestOptions options) {
        if (listeners.isEmpty()) {
            return engine.route(request, route, null);
        }
        Map<Object, Object> attributes = attributes(options);
        RouterEngine.Routed routed = new RouterEngine.Routed();
        fireRequest(request, attributes);
        ChatResponse response;
        try {
            response = engine.route(request, route, routed);
        } catch (RuntimeException e) {
            fireError(e, request, routed, attributes);
            throw e;
        }
        fireResponse(response, request, routed, attributes);
        return response;
    }

    void stream(RouterEngine engine, RouterEngine.Route route, ChatRequest request, ChatRequestOptions options,
                StreamingChatResponseHandler handler) {
        if (listeners.isEmpty()) {
            engine.stream(request, route, handler, null);
            return;
        }
        Map<Object, Object> attributes = attributes(options);
        RouterEngine.Routed routed = new RouterEngine.Routed();
        fireRequest(request, attributes);
        engine.stream(request, route, new Observed(handler, request, routed, attributes), routed);
    }

    private static Map<Object, Object> attributes(ChatRequestOptions options) {
        Map<Object, Object> attributes = new ConcurrentHashMap<>();
        if (options != null && options.listenerAttributes() != null) {
            attributes.putAll(options.listenerAttributes());
        }
        return attributes;
    }

    private void fireRequest(ChatRequest request, Map<Object, Object> attributes) {
        ChatModelRequestContext context = new ChatModelRequestContext(request, provider, attributes);
        for (ChatModelListener l : listeners) {
            try {
                l.onRequest(context);
            } catch (Exception e) {
                log.warn("ChatModelListener {} failed in onRequest; ignored", l.getClass().getName(), e);
            }
        }
    }

    private void fireResponse(ChatResponse response, ChatRequest request, RouterEngine.Routed routed,
                              Map<Object, Object> attributes) {
        ModelProvider p = describe(routed, attributes);
        ChatModelResponseContext context = new ChatModelResponseContext(response, request, p, attributes);
        for (ChatModelListener l : listeners) {
            try {
                l.onResponse(context);
            } catch (Exception e) {
                log.warn("ChatModelListener {} failed in onResponse; ignored", l.getClass().getName(), e);
            }
        }
    }

    private void fireError(Throwable error, ChatRequest request, RouterEngine.Routed routed,
                           Map<Object, Object> attributes) {
        ModelProvider p = describe(routed, attributes);
        ChatModelErrorContext context = new ChatModelErrorContext(error, request, p, attributes);
        for (ChatModelListener l : listeners) {
            try {
                l.onError(context);
            } catch (Exception e) {
                log.warn("ChatModelListener {} failed in onError; ignored", l.getClass().getName(), e);
            }
        }
    }

    /** Puts the routed endpoint into the attributes; returns its provider (the router's when none was reached). */
    private ModelProvider describe(RouterEngine.Routed routed, Map<Object, Object> attributes) {
        List<ModelCallException.Attempt> attempts = routed.attempts;
        attributes.put(ModelRouter.ATTRIBUTE_ATTEMPTS, List.copyOf(attempts));
        ModelEndpoint ep = routed.endpoint;
        if (ep == null) {
            return provider;
        }
        attributes.put(ModelRouter.ATTRIBUTE_ENDPOINT, ep.name());
        attributes.put(ModelRouter.ATTRIBUTE_MODEL, ep.model());
        attributes.put(ModelRouter.ATTRIBUTE_PROVIDER, ep.provider());
        attributes.put(ModelRouter.ATTRIBUTE_TIER, ep.tier());
        return modelProvider(ep);
    }

    static ModelProvider modelProvider(ModelEndpoint ep) {
        try {
            ModelProvider p = ep.chatModel().provider();
            return p == null ? ModelProvider.OTHER : p;
        } catch (RuntimeException unsupported) {
            return ModelProvider.OTHER;
        }
    }

    /** Forwards a stream and fires the listeners at its end. */
    private final class Observed implements StreamingChatResponseHandler {
        private final StreamingChatResponseHandler delegate;
        private final ChatRequest request;
        private final RouterEngine.Routed routed;
        private final Map<Object, Object> attributes;

        Observed(StreamingChatResponseHandler delegate, ChatRequest request, RouterEngine.Routed routed,
                 Map<Object, Object> attributes) {
            this.delegate = delegate;
            this.request = request;
            this.routed = routed;
            this.attributes = attributes;
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            delegate.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            delegate.onPartialResponse(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            delegate.onPartialThinking(partialThinking);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            delegate.onPartialThinking(partialThinking, context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            delegate.onPartialToolCall(partialToolCall);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            delegate.onPartialToolCall(partialToolCall, context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            delegate.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onUnmappedRawEvent(Object event) {
            delegate.onUnmappedRawEvent(event);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            fireResponse(completeResponse, request, routed, attributes);
            delegate.onCompleteResponse(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            fireError(error, request, routed, attributes);
            delegate.onError(error);
        }
    }
}
