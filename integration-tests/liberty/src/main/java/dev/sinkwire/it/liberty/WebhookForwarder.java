package dev.sinkwire.it.liberty;

import java.time.Duration;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookSink;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Class sink that POSTs each order to {@code app.webhook.url} with Sinkwire's {@link WebhookSink}
 * (JSON-B from the server). Stands in for a config-only {@code type=http} sink, which the CDI
 * extension does not wire yet.
 */
@ApplicationScoped
@EventSink("webhook")
public class WebhookForwarder implements Sink<Order> {
    private WebhookSink delegate;

    @PostConstruct
    void init() {
        String url = ConfigProvider.getConfig().getValue("app.webhook.url", String.class);
        delegate = new WebhookSink(WebhookConfig.builder(url + "/orders").timeout(Duration.ofSeconds(10)).build());
    }

    @Override
    public void write(Order event) {
        delegate.write(event);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
