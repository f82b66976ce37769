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

    /**
     * The container's registration calls for one kind of type model.
     *
     * @param <T> the container's representation of a type
     * @param <Q> the container's representation of a set of qualifiers
     */
    interface Registrar<T, Q> {

        /**
         * Adds one synthetic observer feeding a sink.
         *
         * @param sink the sink's name
         * @param eventType the observed type
         * @param qualifiers the observed qualifiers
         * @param async whether it observes {@code fireAsync}
         * @param skipLifecycle whether it must skip context lifecycle events
         */
        void observer(String sink, T eventType, Q qualifiers, boolean async, boolean skipLifecycle);

        /**
         * Adds the {@code @SinkChain} bean of a sink.
         *
         * @param sink the sink's name
         * @param eventType the sink's event type
         */
        void chain(String sink, T eventType);

        /**
         * The type of a class.
         *
         * @param type the class
         * @return the container's representation
         */
        T type(Class<?> type);

        /** @return the qualifiers that observe every event ({@code @Any}) */
        Q any();
    }

    /**
     * The class loader of the application: the thread's context class loader, else the extension's.
     *
     * @return the loader
     */
    static ClassLoader loader() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return tccl != null ? tccl : FrontEnd.class.getClassLoader();
    }

    /**
     * The application's configuration.
     *
     * @return the view
     * @throws ProblemsException when MicroProfile Config is missing
     */
    static ConfigView config() {
        return MpConfigView.load(loader());
    }

    /**
     * Registers a sink: its synchronous and asynchronous observers and its chain bean.
     *
     * @param r the container's registration calls
     * @param sink the sink's name
     * @param eventType the sink's event type
     * @param qualifiers the sink's qualifiers
     * @param skipLifecycle whether its observers skip context lifecycle events
     * @param <T> the container's type
     * @param <Q> the container's qualifiers
     */
    static <T, Q> void register(Registrar<T, Q> r, String sink, T eventType, Q qualifiers, boolean skipLifecycle) {
        for (boolean async : new boolean[] {false, true}) {
            r.observer(sink, eventType, qualifiers, async, skipLifecycle);
        }
        r.chain(sink, eventType);
    }

    /**
     * Finds the sinks declared in configuration alone ({@code sinkwire.sinks.<name>.type}) and
     * registers each: observers of every event class its provider names (with any qualifiers) and
     * its chain bean. Their keys are read with the others when the graph is built.
     *
     * @param r the container's registration calls
     * @param annotatedNames the names of the {@code @EventSink} declarations
     * @param problems receives what is wrong with the declarations
     * @param <T> the container's type
     * @param <Q> the container's qualifiers
     * @return the sinks found; empty when MicroProfile Config is missing (reported when the graph is built)
     */
    static <T, Q> List<ConfiguredSinks.Declared> registerConfigured(Registrar<T, Q> r, List<String> annotatedNames,
            List<String> problems) {
        ConfigView config;
        try {
            config = config();
        } catch (ProblemsException e) {
            return List.of(); // reported when the graph is built
        }
        List<ConfiguredSinks.Declared> declared = ConfiguredSinks.discover(config, annotatedNames, loader(), problems);
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
