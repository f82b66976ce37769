/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.quarkus.runtime;

import dev.sinkwire.cdi.lite.LiteComponents;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Drains Sinkwire's queues as part of Quarkus's graceful shutdown. Quarkus fires
 * {@link ShutdownEvent} after it has stopped taking requests (and, with
 * {@code quarkus.shutdown.timeout}, waited for the requests in flight); this observer runs after
 * the application's own {@code ShutdownEvent} observers ({@link #LATE}) and closes the graph while
 * every application bean is still alive. The drain deadline is {@code sinkwire.shutdown.timeout}
 * when it is set, else {@code quarkus.shutdown.timeout} when that is set, else Sinkwire's default
 * (30 s); what a queue has not delivered by then is reported as a dead letter with reason
 * {@code SHUTDOWN}. The build compatible extension's own close (when the application context is
 * destroyed) then finds the graph closed and does nothing. Registered by the extension's build
 * steps; not API. Called by the container once per application stop.
 */
@Singleton
public class SinkwireShutdown {

    /** The priority of the drain: after the application's {@code ShutdownEvent} observers (default 2500). */
    static final int LATE = Integer.MAX_VALUE - 1000;

    static final String SINKWIRE_TIMEOUT = "sinkwire.shutdown.timeout";
    static final String QUARKUS_TIMEOUT = "quarkus.shutdown.timeout";

    /** Created by ArC. */
    public SinkwireShutdown() {
        // nothing to set up
    }

    void drain(@Observes @Priority(LATE) ShutdownEvent event, BeanManager beans) {
        LiteComponents.RuntimeHolder holder = started(beans);
        if (holder == null) {
            return; // the graph was never built (startup failed before it): nothing to drain
        }
        Config config = ConfigProvider.getConfig();
        Optional<Duration> quarkus = config.getOptionalValue(QUARKUS_TIMEOUT, Duration.class);
        if (config.getConfigValue(SINKWIRE_TIMEOUT).getValue() != null || quarkus.isEmpty()) {
            holder.close(); // Sinkwire's own key, or its default
        } else {
            holder.close(quarkus.get(), QUARKUS_TIMEOUT + "=" + quarkus.get());
        }
    }

    /** The graph's holder if it was created; never creates it (a lookup would build the graph now). */
    private static LiteComponents.RuntimeHolder started(BeanManager beans) {
        Set<Bean<?>> found = beans.getBeans(LiteComponents.RuntimeHolder.class);
        if (found.isEmpty()) {
            return null;
        }
        Bean<?> bean = beans.resolve(found);
        return (LiteComponents.RuntimeHolder) beans.getContext(bean.getScope()).get(bean);
    }
}
