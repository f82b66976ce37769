/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.cdi.chain.BeanLookup;
import dev.sinkwire.cdi.chain.ChainBuilder;
import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkBinding;
import dev.sinkwire.cdi.config.Spec;
import dev.sinkwire.cdi.config.SpecReader;
import jakarta.enterprise.event.Event;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Runs the stages after discovery, in order: read the spec, build the chains, start the runtime,
 * and print every chain line. Nothing is left running when a stage fails. Stateless.
 */
public final class Assembly {

    private static final System.Logger LOGGER = System.getLogger(Assembly.class.getName());

    private Assembly() {
    }

    /**
     * Builds and starts the graph.
     *
     * @param bindings the validated sinks, in declaration order
     * @param config the configuration
     * @param lookup the container's beans
     * @param deadLetters where to fire dead letters (when enabled in the configuration), or {@code null}
     * @param ftMode who applies FT annotations on sinks
     * @return the running graph
     * @throws ProblemsException naming every problem found
     */
    public static SinkwireRuntime start(List<SinkBinding> bindings, ConfigView config, BeanLookup lookup,
            Event<DeadLetter> deadLetters, FtMode ftMode) {
        Spec spec = SpecReader.read(config, bindings, ftMode);
        DropListener drop = new DeadLetterEvents(spec.deadLetterEvents() ? deadLetters : null);
        ThreadFactory threads = ManagedThreads.lookup(spec.threadFactoryJndiName());
        SinkwireRuntime runtime = new SinkwireRuntime(spec, ChainBuilder.build(spec, lookup, drop, threads), drop);
        LOGGER.log(Level.INFO, () -> "Sinkwire started " + bindings.size() + " sink(s); " + ftMode.describe()
                + (threads != null ? " (queue threads from " + spec.threadFactoryJndiName() + ")" : "")
                + runtime.describe());
        return runtime;
    }
}
