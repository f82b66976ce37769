/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable.cdi;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.spi.ConfiguredSinkException;
import dev.sinkwire.cdi.spi.DurableBacklog;
import dev.sinkwire.cdi.spi.DurableStoreContext;
import dev.sinkwire.cdi.spi.DurableStoreProvider;
import dev.sinkwire.durable.DurableEvent;
import dev.sinkwire.durable.DurableException;
import dev.sinkwire.durable.DurableSink;
import dev.sinkwire.durable.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves {@code sinkwire.sinks.<name>.store=jdbc}: builds a {@link DurableSink} on the configured
 * DataSource (or the embedded H2 database), joining the application's JTA transactions when a
 * {@code TransactionSynchronizationRegistry} is found, with the sink's ordinary chain behind its
 * relay; registers its dead letters with {@link DurableDeadLetters}. Registered in
 * {@code META-INF/services}; the extension calls it once per durable sink while the application
 * starts.
 *
 * <p>Stateless; safe for concurrent use.
 */
public final class JdbcStoreProvider implements DurableStoreProvider {

    /** For {@link java.util.ServiceLoader}. */
    public JdbcStoreProvider() {
    }

    @Override
    public String store() {
        return "jdbc";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Sink<Object> create(DurableStoreContext context) {
        StoreSettings spec = StoreSettings.read(context.prefix(), context.keys());
        List<String> problems = new ArrayList<>();
        DataSources.Found dataSource = DataSources.find(context, spec, problems);
        Function<Object, String> key = null;
        if (spec.key() != null) {
            Optional<Function<Object, String>> found = context.named(Function.class, spec.key())
                    .map(f -> (Function<Object, String>) f);
            if (found.isEmpty()) {
                problems.add(context.prefix() + "store.key=" + spec.key() + " names no bean; allowed: the @Named name"
                        + " of exactly one java.util.function.Function<E, String> bean (the event's key)");
            } else {
                key = found.get();
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfiguredSinkException(problems);
        }
        return build(context, spec, (Class<Object>) context.eventClass(), dataSource, key);
    }

    private static <E> Sink<Object> build(DurableStoreContext context, StoreSettings spec, Class<E> type,
            DataSources.Found dataSource, Function<? super E, String> key) {
        String settings = context.prefix() + "store=jdbc (" + dataSource.description() + ", store.table="
                + spec.table() + ", store.schema=" + spelling(spec.schema()) + ")";
        DurableSink.Builder<E> b = DurableSink.builder(context.name(), type, dataSource.dataSource());
        try {
            b.table(spec.table());
        } catch (IllegalArgumentException e) {
            throw new ConfiguredSinkException(List.of(context.prefix() + "store.table=" + spec.table() + ": "
                    + e.getMessage()));
        }
        b.schema(spec.schema())
                .ordering(spec.ordering())
                .completion(spec.completion(), spec.retainDone())
                .batchSize(spec.batchSize()).claim(spec.claim()).lease(spec.lease()).pollInterval(spec.pollInterval())
                .retries(spec.maxAttempts(), spec.retryBase(), spec.retryMax())
                .dropListener(context.dropListener())
                .acceptListener(context.acceptListener()::accept);
        context.threadFactory().ifPresent(b::threadFactory);
        if (key != null) {
            b.key(key);
        }
        Transactions transactions = dataSource.embedded() ? Transactions.none() : JtaLookup.find(context);
        b.transactions(transactions);
        DurableSink<E> sink;
        try {
            sink = spec.relay() ? b.build(DurableEvent.unwrapping(new Delivering<E>(context))) : b.buildAcceptOnly();
        } catch (DurableException e) {
            throw new ConfiguredSinkException(List.of(settings + ": " + e.getMessage()));
        }
        context.bean(DurableDeadLetters.class).ifPresent(d -> d.register(context.name(), sink.deadLetters()));
        return new Stage<>(sink, type, spec.relay() ? null : context.inner(), dataSource.description() + ", "
                + (transactions == Transactions.none() ? "own transactions" : "joins JTA transactions")
                + (spec.relay() ? "" : ", accept-only"));
    }

    private static String spelling(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The relay's end of the chain: writes each stored event to the sink's chain through
     * {@link DurableStoreContext#deliver}, with its outbox id, so a sink behind the store (a webhook)
     * sends that id; {@link DurableEvent#currentId()} answers it too, on the relay's thread. Safe
     * for concurrent use.
     */
    private static final class Delivering<E> implements Sink<E> {
        private final DurableStoreContext context;

        Delivering(DurableStoreContext context) {
            this.context = context;
        }

        @Override
        public void write(E event) {
            context.deliver(event, DurableEvent.currentId().toString());
        }

        @Override
        public void close() {
            context.inner().close();
        }

        @Override
        public String toString() {
            return context.inner().toString();
        }
    }

    /** The durable sink as the chain's layer of plain events. Safe for concurrent use. */
    private static final class Stage<E> implements Sink<Object>, DurableBacklog {
        private final DurableSink<E> sink;
        private final Class<E> type;
        private final Sink<Object> unrelayed;
        private final String description;

        Stage(DurableSink<E> sink, Class<E> type, Sink<Object> unrelayed, String description) {
            this.sink = sink;
            this.type = type;
            this.unrelayed = unrelayed;
            this.description = description;
        }

        @Override
        public void write(Object event) {
            sink.write(type.cast(event));
        }

        @Override
        public Backlog backlog() {
            DurableSink.Backlog b = sink.backlog();
            return new Backlog(b.pending(), b.oldestAge());
        }

        @Override
        public void close() {
            sink.close(); // stops the relay, then closes the chain behind it
            if (unrelayed != null) {
                unrelayed.close(); // an accept-only sink never closes what it does not deliver to
            }
        }

        @Override
        public String toString() {
            return sink + " (" + description + ")";
        }
    }
}
