/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SkipIfPortableExtensionPresent;
import jakarta.enterprise.inject.build.compatible.spi.Synthesis;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticComponents;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticObserver;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.EventContext;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CDI Lite front end of the Kafka sources (Quarkus ArC): registers an observer of
 * {@code Startup} that starts the sources through {@code CDI.current().getBeanContainer()} (a
 * problem fails startup with a {@code DeploymentException} naming the keys), and one of
 * {@code @BeforeDestroyed(ApplicationScoped.class)} that stops them, before Sinkwire closes its sinks.
 * Skipped where {@link KafkaSourceExtension} runs. Registered in {@code META-INF/services}.
 *
 * <p>The keys are read at application start, not at build time: under Quarkus a source added after
 * the build is still found.
 */
@SkipIfPortableExtensionPresent(KafkaSourceExtension.class)
public class KafkaSourceBuildCompatibleExtension implements BuildCompatibleExtension {

    private static final String ID = "id";
    /** The running sources by deployment (one entry per running container). */
    private static final Map<String, SourceRuntime> RUNNING = new ConcurrentHashMap<>();

    private final String deploymentId = UUID.randomUUID().toString();

    /** Instantiated by the container. */
    public KafkaSourceBuildCompatibleExtension() {
        // the deployment id keeps several containers of one JVM apart
    }

    /**
     * Adds the start and stop observers.
     *
     * @param syn the synthetic components
     */
    @Synthesis
    public void synthesize(SyntheticComponents syn) {
        syn.addObserver(Startup.class).priority(KafkaSourceExtension.START_PRIORITY)
                .observeWith(StartObserver.class).withParam(ID, deploymentId);
        syn.addObserver(Object.class).qualifier(BeforeDestroyed.Literal.of(ApplicationScoped.class))
                .priority(KafkaSourceExtension.STOP_PRIORITY).observeWith(StopObserver.class).withParam(ID, deploymentId);
    }

    /** Starts the sources. For the container only. */
    public static final class StartObserver implements SyntheticObserver<Startup> {
        /** Instantiated by the container. */
        public StartObserver() {
        }

        @Override
        public void observe(EventContext<Startup> event, Parameters params) {
            RUNNING.computeIfAbsent(params.get(ID, String.class),
                    id -> SourceRuntime.start(CDI.current().getBeanContainer(), true));
        }
    }

    /** Stops the sources. For the container only. */
    public static final class StopObserver implements SyntheticObserver<Object> {
        /** Instantiated by the container. */
        public StopObserver() {
        }

        @Override
        public void observe(EventContext<Object> event, Parameters params) {
            SourceRuntime r = RUNNING.remove(params.get(ID, String.class));
            if (r != null) {
                r.stop();
            }
        }
    }
}
