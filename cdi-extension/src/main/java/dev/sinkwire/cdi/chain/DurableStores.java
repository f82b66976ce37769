/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import dev.sinkwire.DropListener;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.config.ConfigView;
import dev.sinkwire.cdi.config.ConfiguredSinks;
import dev.sinkwire.cdi.config.Keys;
import dev.sinkwire.cdi.config.ProblemsException;
import dev.sinkwire.cdi.config.SinkSpec;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.DurableStoreContext;
import dev.sinkwire.cdi.spi.DurableStoreProvider;
import dev.sinkwire.cdi.spi.StoreSpec;
import dev.sinkwire.core.SinkMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Builds the durable stage of a sink with {@code store=<store>} through the
 * {@link DurableStoreProvider} of that store, found with {@link java.util.ServiceLoader}; without one,
 * deployment fails naming the artifact to add. Stateless.
 */
final class DurableStores {

    /** The artifact that serves {@code store=jdbc}. */
    static final String JDBC_ARTIFACT = "dev.sinkwire:sinkwire-durable";

    private DurableStores() {
    }

    /**
     * The durable stage in front of {@code inner}.
     *
     * @throws ProblemsException naming the key when there is no provider or the provider refuses
     */
    static Sink<Object> stage(SinkSpec s, Sink<Object> inner, DropListener drop, SinkMeter meter,
            ThreadFactory threads, BeanLookup lookup, StoredIds storedIds) {
        StoreSpec store = s.store();
        String storeKey = Keys.of(s.name(), Keys.STORE);
        DurableStoreProvider provider = provider(store.store(), storeKey);
        Sink<Object> accepted = meter.accepting(new Sink<>() {
            @Override
            public void write(Object event) {
                // the store committed it; the meter counts
            }

            @Override
            public void close() {
                // nothing to close
            }
        });
        Context context = new Context(s, inner, drop, accepted::write, threads, lookup, storedIds);
        Sink<Object> stage;
        try {
            stage = provider.create(context);
        } catch (ConfiguredSinkException e) {
            throw new ProblemsException(e.problems());
        } catch (RuntimeException | LinkageError e) {
            throw new ProblemsException(List.of(storeKey + "=" + store.store() + ": " + provider.getClass().getName()
                    + " cannot build the durable store of sink '" + s.name() + "': " + e));
        }
        if (stage == null) {
            throw new ProblemsException(List.of(storeKey + "=" + store.store() + ": " + provider.getClass().getName()
                    + ".create returned null"));
        }
        return stage;
    }

    private static DurableStoreProvider provider(String store, String storeKey) {
        List<String> problems = new ArrayList<>();
        Map<String, DurableStoreProvider> found = ConfiguredSinks.providers(DurableStoreProvider.class,
                DurableStoreProvider::store, Keys.SINKS + "<name>." + Keys.STORE, ConfigView.applicationLoader(),
                problems);
        if (!problems.isEmpty()) {
            throw new ProblemsException(problems.stream().map(p -> storeKey + "=" + store + ": " + p).toList());
        }
        DurableStoreProvider provider = found.get(store.toLowerCase(Locale.ROOT));
        if (provider != null) {
            return provider;
        }
        throw new ProblemsException(List.of(storeKey + "=" + store + " needs the artifact " + JDBC_ARTIFACT
                + " on the class path, and it is not there; allowed: add " + JDBC_ARTIFACT + " to the application,"
                + " or store=memory (the default)" + (found.isEmpty() ? "" : "; stores found: " + found.keySet())));
    }

    /** What the provider gets. Immutable; safe for concurrent use. */
    private record Context(SinkSpec spec, Sink<Object> inner, DropListener dropListener,
            Consumer<Object> acceptListener, ThreadFactory threads, BeanLookup lookup, StoredIds storedIds)
            implements DurableStoreContext {

        @Override
        public void deliver(Object event, String id) {
            storedIds.deliver(inner, event, id);
        }

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public Class<?> eventClass() {
            return spec.binding().eventClass();
        }

        @Override
        public StoreSpec store() {
            return spec.store();
        }

        @Override
        public Optional<ThreadFactory> threadFactory() {
            return Optional.ofNullable(threads);
        }

        @Override
        public <T> Optional<T> bean(Class<T> type) {
            return lookup.byType(type);
        }

        @Override
        public <T> Optional<T> named(Class<T> type, String name) {
            List<Object> found = new ArrayList<>();
            lookup.byName(name).stream().filter(h -> h.getBean().getTypes().stream()
                    .anyMatch(t -> t instanceof Class<?> c && type.isAssignableFrom(c)))
                    .forEach(h -> found.add(h.get()));
            return found.size() == 1 ? Optional.of(type.cast(found.get(0))) : Optional.empty();
        }
    }
}
