/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http.cdi;

import dev.sinkwire.RetryStrategy;
import dev.sinkwire.cdi.spi.ConfiguredSink;
import dev.sinkwire.cdi.spi.ConfiguredSinkContext;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.ConfiguredSinkProvider;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.Timekeeper;
import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookConfigException;
import dev.sinkwire.http.WebhookRetryStrategy;
import dev.sinkwire.http.WebhookSink;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@code type=http} sinks: {@link WebhookConfig#fromMap} on the sink's own keys, the
 * application's {@code Jsonb} bean when it has one, and the Docker Registry defaults (retry: a
 * breaker of threshold {@value #DEFAULT_THRESHOLD}, backoff 1 s, when no {@code retry.*} key is
 * set). One event per request: chained behind the extension's queue and a retrying sink whose
 * strategy is wrapped in {@link WebhookRetryStrategy} (permanent failures are not retried,
 * {@code Retry-After} is honoured). Batched ({@code batch.size} &gt; 1): the webhook sink queues
 * and retries by itself. Stateless, thread-safe.
 */
public final class WebhookSinkProvider implements ConfiguredSinkProvider {

    /** The type this provider serves. */
    public static final String TYPE = "http";
    /** Retry threshold when no {@code retry.*} key is set (Docker Registry's default). */
    public static final int DEFAULT_THRESHOLD = 10;
    /** Retry backoff when no {@code retry.*} key is set (Docker Registry's default). */
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    /** For {@link java.util.ServiceLoader}. */
    public WebhookSinkProvider() {
        // stateless
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<String> eventTypes(Map<String, String> keys) {
        String events = keys.get(WebhookConfig.EVENTS);
        if (events == null || events.isBlank()) {
            return List.of();
        }
        return List.of(events.trim().split("\\s*,\\s*"));
    }

    @Override
    public ConfiguredSink create(ConfiguredSinkContext context) {
        WebhookConfig config;
        try {
            config = WebhookConfig.fromMap(context.prefix(), context.keys());
        } catch (WebhookConfigException e) {
            throw new ConfiguredSinkException(e.problems());
        }
        WebhookSink.Builder builder = WebhookSink.builder(config).name(context.name());
        context.storedEventIds().ifPresent(builder::eventIds); // store=jdbc: the outbox row's id
        Optional<Jsonb> jsonb = context.bean(Jsonb.class);
        if (jsonb.isPresent()) {
            builder.jsonb(jsonb.get());
        } else {
            requireJsonbImplementation(context);
        }
        RetryStrategy strategy = context.retryStrategy(new Breaker(DEFAULT_THRESHOLD, DEFAULT_BACKOFF));
        if (config.batchSize() > 1) {
            if (strategy != null) {
                builder.retryStrategy(strategy);
            }
            builder.dropListener(context.dropListener()).deliveryListener(context.deliveryListener())
                    .failedAttemptListener(context.failedAttemptListener());
            context.threadFactory().ifPresent(builder::threadFactory);
            WebhookSink sink = builder.build();
            return ConfiguredSink.selfQueued(sink).withEndpoint(endpoint(sink));
        }
        WebhookSink sink = builder.build();
        return ConfiguredSink.chained(sink, strategy == null ? null
                : WebhookRetryStrategy.wrap(strategy, config.maxRetryAfter(), Timekeeper.system()))
                .withEndpoint(endpoint(sink));
    }

    /** The webhook's 410 state, shown by {@code SinkwireStats.state(name)} and enabled by {@code enable(name)}. */
    private static ConfiguredSink.Endpoint endpoint(WebhookSink sink) {
        return new ConfiguredSink.Endpoint() {
            @Override
            public boolean disabled() {
                return sink.disabled();
            }

            @Override
            public boolean enable() {
                return sink.enable();
            }
        };
    }

    /** Fails at deployment, not at the first event, when there is no JSON-B implementation. */
    private static void requireJsonbImplementation(ConfiguredSinkContext context) {
        try (Jsonb probe = JsonbBuilder.create()) {
            probe.toJson(Map.of());
        } catch (Exception | LinkageError e) {
            throw new ConfiguredSinkException(List.of(context.prefix() + "type=http: no JSON-B implementation"
                    + " found (" + e + "); allowed: add one to the application (e.g. org.eclipse:yasson), enable"
                    + " your runtime's jsonb feature, or produce a jakarta.json.bind.Jsonb bean"));
        }
    }

    @Override
    public String toString() {
        return "WebhookSinkProvider[type=" + TYPE + "]";
    }
}
