/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.MpConfigView;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkRules;
import java.util.List;

/**
 * What both front ends do the same way, written once: the class loader to read configuration
 * and providers with, the pair of synthetic observers (synchronous and asynchronous) and the
 * chain bean of every sink, and the sinks declared in configuration alone. A front end supplies
 * its container's registration calls as a {@link Registrar}. Stateless.
 */
final class FrontEnd {

    private FrontEnd() {
    }

    /** The container's registration calls for one type model ({@code T}) and annotation model ({@code A}). */
    interface Registrar<T, A> {

        /** Adds one synthetic observer feeding a sink. */
        void observer(String sink, T eventType, List<A> qualifiers, boolean async, boolean skipLifecycle);

        /** Adds the {@code @SinkChain} bean of a sink. */
        void chain(String sink, T eventType);

        /** The type of a class. */
        T type(Class<?> type);

        /** @return the qualifiers that observe every event ({@code @Any}) */
        List<A> any();
    }

    /** Registers a sink: its synchronous and asynchronous observers and its chain bean. */
    static <T, A> void register(Registrar<T, A> r, String sink, T eventType, List<A> qualifiers,
            boolean skipLifecycle) {
        for (boolean async : new boolean[] {false, true}) {
            r.observer(sink, eventType, qualifiers, async, skipLifecycle);
        }
        r.chain(sink, eventType);
    }

    /**
     * Finds the sinks declared in configuration alone ({@code sinkwire.sinks.<name>.type}) and registers each:
     * observers of every event class its provider names (with any qualifiers) and its chain bean. Their keys are read
     * with the others when the graph is built. Empty when MicroProfile Config is missing (reported then).
     */
    static <T, A> List<ConfiguredSinks.Declared> registerConfigured(Registrar<T, A> r, List<String> annotatedNames,
            List<String> problems) {
        ConfigView config;
        try {
            config = MpConfigView.load();
        } catch (ProblemsException e) {
            return List.of(); // reported when the graph is built
        }
        List<ConfiguredSinks.Declared> declared = ConfiguredSinks.discover(config, annotatedNames,
                ConfigView.applicationLoader(), problems);
        for (ConfiguredSinks.Declared d : declared) {
            for (Class<?> eventClass : d.eventClasses()) {
                for (boolean async : new boolean[] {false, true}) {
                    r.observer(d.name(), r.type(eventClass), r.any(), async,
                            SinkRules.skipsContextLifecycle(eventClass, List.of()));
                }
            }
            r.chain(d.name(), r.type(d.eventClass()));
        }
        return declared;
    }
}
