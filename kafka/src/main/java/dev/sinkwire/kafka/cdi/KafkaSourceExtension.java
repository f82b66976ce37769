/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import dev.sinkwire.cdi.SinkwireExtension;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Runs the Kafka sources declared in {@code sinkwire.sources.<name>.*} (keys in
 * {@code docs/kafka.md}) in containers with portable extensions (Weld: Open Liberty, Payara,
 * WildFly, Weld SE): after deployment validation (after Sinkwire built its sinks, and read and
 * checked every source with its one configuration reader, failing deployment with every problem) it
 * starts one consumer thread per
 * source, which fires each record as a CDI event of its mapped type and qualifiers. The sources stop
 * before the application context is destroyed (before Sinkwire closes its sinks), or at
 * {@code BeforeShutdown} if that was not announced. CDI Lite containers run
 * {@link KafkaSourceBuildCompatibleExtension} instead.
 *
 * <p>Registered in {@code META-INF/services}. The container calls its observers one at a time.
 */
public final class KafkaSourceExtension implements Extension {

    /** Start after Sinkwire's own start (default priority), so that its sinks exist. */
    static final int START_PRIORITY = 4000;
    /** Stop before application observers and before Sinkwire closes its sinks (4900). */
    static final int STOP_PRIORITY = 100;

    private SourceRuntime runtime;

    /** For {@link java.util.ServiceLoader}. */
    public KafkaSourceExtension() {
        // state is set at deployment
    }

    /**
     * Reads the sources and starts them.
     *
     * @param adv the event
     * @param bm the bean manager
     */
    void start(@Observes @Priority(START_PRIORITY) AfterDeploymentValidation adv, BeanManager bm) {
        try {
            runtime = SourceRuntime.start(bm, !sinkwirePresent(bm));
        } catch (DeploymentException e) {
            adv.addDeploymentProblem(e);
        }
    }

    /**
     * Sinkwire's own extension reads the source keys in the same deployment (its one reader) and
     * reports their problems beside those of the sinks: they are not reported twice.
     */
    private static boolean sinkwirePresent(BeanManager bm) {
        try {
            bm.getExtension(SinkwireExtension.class);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Stops the sources before the application context goes away.
     *
     * @param event the event
     */
    void stop(@Observes @Priority(STOP_PRIORITY) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stopAll();
    }

    /**
     * Stops the sources, if the application context's destruction was not announced.
     *
     * @param event the event
     */
    void shutdown(@Observes BeforeShutdown event) {
        stopAll();
    }

    private void stopAll() {
        SourceRuntime r = runtime;
        if (r != null) {
            r.stop();
        }
    }
}
