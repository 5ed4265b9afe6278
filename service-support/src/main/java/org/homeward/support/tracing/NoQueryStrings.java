package org.homeward.support.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps query strings out of every span: a search's query names a person ({@code ?name=...}), and a webhook target's
 * query may hold a receiver's token. The HTTP instrumentation records {@code url.query} (and a client's
 * {@code url.full}) when a span starts; this replaces them before any exporter sees the span. (The OpenTelemetry SDK
 * cannot remove an attribute, so the query's value becomes {@code "redacted"}.)
 */
@ApplicationScoped
public class NoQueryStrings implements SpanProcessor {

    static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("http.target");
    static final String REDACTED = "redacted";

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(QUERY) != null) {
            span.setAttribute(QUERY, REDACTED);
        }
        String full = span.getAttribute(FULL);
        if (full != null && (full.indexOf('?') >= 0 || full.indexOf('#') >= 0)) {
            span.setAttribute(FULL, withoutQuery(full));
        }
        String target = span.getAttribute(TARGET);
        if (target != null && target.indexOf('?') >= 0) {
            span.setAttribute(TARGET, withoutQuery(target));
        }
    }

    /** The URL up to its query or fragment. */
    static String withoutQuery(String url) {
        int end = url.length();
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        if (query >= 0) {
            end = query;
        }
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return url.substring(0, end);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        // nothing: the attributes were replaced at the start
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
