/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.http.WebhookConfig;
import dev.sinkwire.http.WebhookSink;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Class sink whose writes wait until the application begins to stop, so every parcel fired while
 * it runs is still queued at shutdown; then it POSTs them to {@code app.webhook.url}/drain and,
 * on close, POSTs a parcel "closed". Proves that Sinkwire drains queues when the server stops.
 */
@ApplicationScoped
@EventSink("drain")
public class DrainSink implements Sink<Parcel> {
    private final CountDownLatch stopping = new CountDownLatch(1);
    private WebhookSink delegate;

    @Inject
    Recorder recorder;

    @PostConstruct
    void init() {
        String url = ConfigProvider.getConfig().getValue("app.webhook.url", String.class);
        delegate = new WebhookSink(WebhookConfig.builder(url + "/drain").timeout(Duration.ofSeconds(10)).build());
    }

    /** Opens the gate. Runs before Sinkwire's own (late) observer of the same event closes the queues. */
    void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stopping.countDown();
    }

    @Override
    public void write(Parcel event) {
        recorder.record("drain-entered", event.getId());
        try {
            if (!stopping.await(2, TimeUnit.MINUTES)) {
                throw new SinkException("the application did not stop within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SinkException("interrupted", e);
        }
        delegate.write(event);
    }

    @Override
    public void close() {
        delegate.write(new Parcel("closed"));
        delegate.close();
    }
}
