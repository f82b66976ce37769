package dev.sinkwire.demo;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookSink;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The webhook sink of the demo: a {@link WebhookSink} configured from the keys under
 * {@code demo.webhook.} (url, timeout, headers...), declared as a Sinkwire class sink so the
 * extension puts its queue and breaker retry (keys {@code sinkwire.sinks.webhook.*}) in front.
 * Called by the sink's single queue thread.
 */
@ApplicationScoped
@EventSink("webhook")
public class WebhookForwarder implements Sink<OrderEvent> {

    static final String PREFIX = "demo.webhook.";

    private WebhookSink webhook;

    @PostConstruct
    void open() {
        Config config = ConfigProvider.getConfig();
        Map<String, String> keys = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> keys.put(name.substring(PREFIX.length()), v));
            }
        }
        webhook = WebhookSink.builder(WebhookConfig.fromMap(PREFIX, keys)).name("webhook").build();
    }

    @Override
    public void write(OrderEvent event) {
        webhook.write(event);
    }

    @Override
    public void close() {
        webhook.close();
    }
}
