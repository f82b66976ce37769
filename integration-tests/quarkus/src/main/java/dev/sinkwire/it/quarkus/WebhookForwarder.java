package dev.sinkwire.it.quarkus;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookSink;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Class sink that POSTs each order to {@code app.webhook.url}/orders with Sinkwire's
 * {@link WebhookSink} (JSON-B from {@code quarkus-jsonb}). Stands in for a config-only
 * {@code type=http} sink, which the CDI extension does not wire yet. Without
 * {@code app.webhook.url} (the packaged application of {@code ShutdownDrainIT}) every write
 * fails. Called by one queue thread at a time.
 */
@ApplicationScoped
@EventSink("webhook")
public class WebhookForwarder implements Sink<Order> {
    private WebhookSink delegate;

    @PostConstruct
    void init() {
        delegate = ConfigProvider.getConfig().getOptionalValue("app.webhook.url", String.class)
                .map(url -> new WebhookSink(WebhookConfig.builder(url + "/orders").timeout(Duration.ofSeconds(10)).build()))
                .orElse(null);
    }

    @Override
    public void write(Order event) {
        if (delegate == null) {
            throw new SinkException("app.webhook.url is not set");
        }
        delegate.write(event);
    }

    @Override
    public void close() {
        if (delegate != null) {
            delegate.close();
        }
    }
}
