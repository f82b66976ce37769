/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.cdi.spi.ConfiguredSink;
import dev.sinkwire.cdi.spi.ConfiguredSinkContext;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.ConfiguredSinkProvider;
import dev.sinkwire.core.Breaker;
import dev.sinkwire.http.WebhookRetryStrategy;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSinkProviderTest {

    public static final class OrderPlaced {
        private final String orderId;

        OrderPlaced(String orderId) {
            this.orderId = orderId;
        }

        public String getOrderId() {
            return orderId;
        }
    }

    private HttpServer server;
    private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final WebhookSinkProvider provider = new WebhookSinkProvider();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** A context as the extension gives it; {@code retry} null: no retry.* keys. */
    private record Context(Map<String, String> keys, RetryStrategy retry, boolean retryConfigured, Jsonb jsonb,
            List<DeadLetter> dropped) implements ConfiguredSinkContext {
        @Override
        public String name() {
            return "orders";
        }

        @Override
        public RetryStrategy retryStrategy(RetryStrategy defaultStrategy) {
            return retryConfigured ? retry : defaultStrategy;
        }

        @Override
        public DropListener dropListener() {
            return dropped::add;
        }

        @Override
        public Optional<ThreadFactory> threadFactory() {
            return Optional.empty();
        }

        @Override
        public <T> Optional<T> bean(Class<T> type) {
            return type == Jsonb.class ? Optional.ofNullable(type.cast(jsonb)) : Optional.empty();
        }
    }

    private Context context(Map<String, String> keys) {
        return new Context(keys, null, false, null, new ArrayList<>());
    }

    @Test
    void serviceLoaderFindsTheHttpType() {
        assertThat(ServiceLoader.load(ConfiguredSinkProvider.class).stream().map(p -> p.get().type()))
                .contains("http");
    }

    @Test
    void oneEventPerRequestIsChainedWithTheDefaultBreakerWrappedForWebhooks() throws Exception {
        ConfiguredSink created = provider.create(context(Map.of("url", url())));

        assertThat(created.selfQueued()).isFalse();
        assertThat(created.retryStrategy()).isInstanceOf(WebhookRetryStrategy.class);
        assertThat(created.retryStrategy().toString()).contains("threshold=10", "PT1S", "maxRetryAfter=PT5M");
        created.sink().write(new OrderPlaced("A-1"));
        String body = bodies.poll(10, TimeUnit.SECONDS);
        assertThat(body).contains("\"event\":{\"orderId\":\"A-1\"}", "\"id\":");
        created.sink().close();
    }

    @Test
    void maxRetryAfterReachesTheRetryStrategy() {
        ConfiguredSink created = provider.create(context(Map.of("url", url(), "max-retry-after", "30s")));
        assertThat(created.retryStrategy().toString()).contains("maxRetryAfter=PT30S");
        created.sink().close();
    }

    @Test
    void theApplicationsJsonbBeanSerializesTheEvent() throws Exception {
        Jsonb upper = JsonbBuilder.create(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.UPPER_CAMEL_CASE));
        ConfiguredSink created = provider.create(new Context(Map.of("url", url()), null, false, upper,
                new ArrayList<>()));

        created.sink().write(new OrderPlaced("A-2"));
        assertThat(bodies.poll(10, TimeUnit.SECONDS)).contains("\"event\":{\"OrderId\":\"A-2\"}");
        created.sink().close();
        upper.close();
    }

    @Test
    void configuredRetryIsUsedAndNoneMeansNoRetryingSink() {
        Breaker three = new Breaker(3, Duration.ofMillis(5));
        ConfiguredSink retried = provider.create(new Context(Map.of("url", url()), three, true, null,
                new ArrayList<>()));
        assertThat(retried.retryStrategy().toString()).contains("threshold=3");
        ConfiguredSink none = provider.create(new Context(Map.of("url", url()), null, true, null, new ArrayList<>()));
        assertThat(none.retryStrategy()).isNull();
        retried.sink().close();
        none.sink().close();
    }

    @Test
    void batchedSinkQueuesAndRetriesByItself() throws Exception {
        Map<String, String> keys = new HashMap<>(Map.of("url", url(), "batch.size", "5"));
        ConfiguredSink created = provider.create(context(keys));

        assertThat(created.selfQueued()).isTrue();
        assertThat(created.retryStrategy()).isNull();
        created.sink().write(new OrderPlaced("B-1"));
        created.sink().close(); // sends the partial batch
        assertThat(bodies.poll(10, TimeUnit.SECONDS)).startsWith("{\"events\":[").contains("B-1");
    }

    @Test
    void badKeysAreReportedOneProblemEachWithTheirFullKey() {
        assertThatThrownBy(() -> provider.create(context(Map.of("timeout", "soon", "colour", "red"))))
                .isInstanceOfSatisfying(ConfiguredSinkException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("sinkwire.sinks.orders.url", "missing"))
                        .anySatisfy(p -> assertThat(p).contains("sinkwire.sinks.orders.colour", "unknown key"))
                        .anySatisfy(p -> assertThat(p).contains("sinkwire.sinks.orders.timeout")));
    }

    @Test
    void eventTypesComeFromTheEventsKey() {
        assertThat(provider.eventTypes(Map.of("url", url()))).isEmpty();
        assertThat(provider.eventTypes(Map.of("events", "com.shop.OrderPlaced, com.shop.OrderCancelled")))
                .containsExactly("com.shop.OrderPlaced", "com.shop.OrderCancelled");
    }
}
