/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi;

import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.MpConfigView;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkDeclaration;
import dev.sinkwire.cdi.config.SinkRules;
import java.util.Comparator;
import java.util.List;

/**
 * What both front ends do the same way, written once: validating the collected declarations,
 * the pair of synthetic observers (synchronous and asynchronous) and the chain bean of every
 * sink, and the sinks declared in configuration alone. A front end supplies its container's
 * registration calls as a {@link Registrar}. Stateless.
 */
final class FrontEnd {

    private FrontEnd() {
    }

    /**
     * One collected {@code @EventSink} declaration and what its container needs to wire it, in the
     * container's class ({@code C}), type ({@code T}) and annotation ({@code A}) models.
     *
     * @param call a method sink's call ({@code I}), else {@code null}
     */
    record Found<C, T, A, I>(SinkDeclaration declaration, C beanClass, T eventType, List<A> qualifiers, I call) {
    }

    /** The container's registration calls for one class, type and annotation model. */
    interface Registrar<C, T, A> {

        /** Adds one synthetic observer feeding a sink, declared by a bean class ({@code null}: the extension). */
        void observer(C declaringClass, String sink, T eventType, List<A> qualifiers, boolean async,
                boolean skipLifecycle);

        /** Adds the {@code @SinkChain} bean of a sink. */
        void chain(String sink, T eventType);

        /** The type of a class. */
        T type(Class<?> type);

        /** @return the qualifiers that observe every event ({@code @Any}) */
        List<A> any();

        /** Applies {@link SinkRules#skipsContextLifecycle} to a type and qualifiers of this model. */
        boolean skipsLifecycle(T eventType, List<A> qualifiers);
    }

    /**
     * Sorts the found sinks by name (the order of the graph, its statistics and the broadcaster's
     * calls, the same whatever order the container discovered them in), validates them and, when all
     * are valid, registers each one's observers and chain bean, then finds and registers the sinks
     * declared in configuration alone
     * ({@code sinkwire.sinks.<name>.type}), whose keys are read with the others when the graph is
     * built. Returns the configured sinks (none when MicroProfile Config is missing: reported
     * then), or {@code null} when a declaration is invalid; {@code problems} says what is wrong.
     */
    static <C, T, A> List<ConfiguredSinks.Declared> register(Registrar<C, T, A> r,
            List<? extends Found<C, T, A, ?>> found, List<String> problems) {
        found.sort(Comparator.comparing(f -> f.declaration().name()));
        problems.addAll(SinkRules.validate(found.stream().map(Found::declaration).toList()));
        if (!problems.isEmpty()) {
            return null;
        }
        for (Found<C, T, A, ?> f : found) {
            observers(r, f.beanClass(), f.declaration().name(), f.eventType(), f.qualifiers());
            r.chain(f.declaration().name(), f.eventType());
        }
        ConfigView config;
        try {
            config = MpConfigView.load();
        } catch (ProblemsException e) {
            return List.of(); // reported when the graph is built
        }
        List<ConfiguredSinks.Declared> declared = ConfiguredSinks.discover(config,
                found.stream().map(f -> f.declaration().name()).toList(), ConfigView.applicationLoader(), problems);
        for (ConfiguredSinks.Declared d : declared) {
            for (Class<?> eventClass : d.eventClasses()) {
                observers(r, null, d.name(), r.type(eventClass), r.any());
            }
            r.chain(d.name(), r.type(d.eventClass()));
        }
        return declared;
    }

    private static <C, T, A> void observers(Registrar<C, T, A> r, C declaringClass, String sink, T eventType,
            List<A> qualifiers) {
        // only a sink whose event type can carry a context lifecycle payload pays the check per event
        boolean skipLifecycle = r.skipsLifecycle(eventType, qualifiers);
        r.observer(declaringClass, sink, eventType, qualifiers, false, skipLifecycle);
        r.observer(declaringClass, sink, eventType, qualifiers, true, skipLifecycle);
    }
}
