package dev.sinkwire.cdi;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.build.compatible.spi.Parameters;
import jakarta.enterprise.inject.build.compatible.spi.SyntheticBeanCreator;

/**
 * Creates the injectable {@link SinkwireStats} for the build compatible extension. For the
 * container only. Stateless; safe for concurrent use.
 */
public final class SinkwireStatsCreator implements SyntheticBeanCreator<SinkwireStats> {

    /** Instantiated by the container. */
    public SinkwireStatsCreator() {
    }

    @Override
    public SinkwireStats create(Instance<Object> lookup, Parameters params) {
        return lookup.select(SinkwireBuildCompatibleExtension.RuntimeHolder.class).get().runtime.stats();
    }
}
