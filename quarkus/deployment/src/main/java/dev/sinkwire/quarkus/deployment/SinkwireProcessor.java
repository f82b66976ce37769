/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.quarkus.deployment;

import dev.sinkwire.EventSink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.cdi.spi.ConfiguredSinkProvider;
import dev.sinkwire.cdi.spi.ConfiguredSourceProvider;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.quarkus.runtime.SinkwireShutdown;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.jboss.jandex.DotName;

/**
 * The build steps of the Sinkwire Quarkus extension. ArC itself runs Sinkwire's build compatible
 * extension (it discovers sinks and adds the synthetic observers and beans); these steps add what
 * only a Quarkus extension can do: list the feature, keep the sink beans that nothing injects,
 * and validate the {@code sinkwire.*} configuration when the application is built. Instantiated by the Quarkus build; not thread-safe (the build calls each
 * step once).
 */
class SinkwireProcessor {

    /** The feature name listed in Quarkus's "Installed features" startup line. */
    static final String FEATURE = "sinkwire";

    /** {@code @EventSink}. */
    static final DotName EVENT_SINK = DotName.createSimple(EventSink.class.getName());

    private static final DotName SINK_CHAIN = DotName.createSimple(SinkChain.class.getName());

    /** The package of the classes the build compatible extension hands to ArC as bean creators. */
    static final String LITE_PACKAGE = "dev.sinkwire.cdi.lite.";

    /** Creates the build steps; called by the Quarkus build. */
    SinkwireProcessor() {
    }

    /**
     * Lists {@code sinkwire} among the installed features.
     *
     * @return the feature
     */
    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * Keeps every bean that declares a sink (a class annotated {@code @EventSink} or a bean with
     * an {@code @EventSink} method), the injectable chains, broadcaster and statistics: Sinkwire
     * and its Dev UI card
     * looks them up programmatically, so ArC would otherwise remove them as unused.
     *
     * @return the exclusions from unused-bean removal
     */
    @BuildStep
    UnremovableBeanBuildItem sinkBeans() {
        return new UnremovableBeanBuildItem(bean -> (bean.isClassBean() && bean.getImplClazz() != null
                && bean.getImplClazz().hasAnnotation(EVENT_SINK))
                || bean.hasType(DotName.createSimple(Broadcaster.class.getName()))
                || bean.hasType(DotName.createSimple(SinkwireStats.class.getName()))
                || bean.getQualifiers().stream().anyMatch(q -> q.name().equals(SINK_CHAIN))
                || (bean.getImplClazz() != null && bean.getImplClazz().name().toString().startsWith(LITE_PACKAGE)));
    }

    /**
     * Adds the observer that drains the queues when Quarkus shuts down, with
     * {@code quarkus.shutdown.timeout} as the deadline unless {@code sinkwire.shutdown.timeout} is set.
     *
     * @return the bean
     */
    @BuildStep
    AdditionalBeanBuildItem shutdown() {
        return AdditionalBeanBuildItem.unremovableOf(SinkwireShutdown.class);
    }

    /**
     * Registers the configured-sink providers ({@code sinkwire-http}, {@code sinkwire-kafka}...)
     * that {@link java.util.ServiceLoader} finds at run time, for a native image (not built or
     * tested here: see docs/quarkus.md).
     *
     * @return the providers found on the build's class path
     */
    @BuildStep
    ServiceProviderBuildItem configuredSinkProviders() {
        return ServiceProviderBuildItem.allProvidersFromClassPath(ConfiguredSinkProvider.class.getName());
    }

    /**
     * Registers the configured-source providers ({@code sinkwire-kafka}) that the configuration
     * reader finds with {@link java.util.ServiceLoader}, for a native image (not built or tested here).
     *
     * @return the providers found on the build's class path
     */
    @BuildStep
    ServiceProviderBuildItem configuredSourceProviders() {
        return ServiceProviderBuildItem.allProvidersFromClassPath(ConfiguredSourceProvider.class.getName());
    }

    /**
     * Reads and validates the {@code sinkwire.*} configuration the build sees, with the same
     * reader the application uses when it starts: an unknown key (with the nearest valid one), a
     * bad value or a configured sink without a provider fails the build, naming the key.
     *
     * @param discovery the beans ArC discovered
     * @param capabilities tells whether SmallRye Fault Tolerance is present
     * @return nothing; a problem is thrown as a {@link ConfigurationException}
     */
    @BuildStep
    ValidationErrorBuildItem validateConfiguration(BeanDiscoveryFinishedBuildItem discovery, Capabilities capabilities) {
        BuildTimeSpec.validate(discovery.getBeans(), capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE),
                Thread.currentThread().getContextClassLoader());
        return null;
    }
}
