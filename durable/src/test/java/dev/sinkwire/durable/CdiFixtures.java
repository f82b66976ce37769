/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;

/** Beans of the CDI tests: a method sink of {@link Order}s, JTA and a DataSource as an application has them. */
final class CdiFixtures {

    private CdiFixtures() {
    }

    /** What the {@code orders} sink received, and whether it fails. Reset by each test. */
    static final class Deliveries {
        /** Every delivery (repeats included), with the outbox id it carried. */
        static final List<Delivered> ALL = new CopyOnWriteArrayList<>();
        /** Every failed attempt's outbox id, by order number. */
        static final Map<Integer, UUID> FAILED_IDS = new ConcurrentHashMap<>();
        /** Non-null: every delivery throws this message. */
        static final AtomicReference<String> FAILING = new AtomicReference<>();

        static void reset() {
            ALL.clear();
            FAILED_IDS.clear();
            FAILING.set(null);
        }

        static List<Integer> numbers() {
            return ALL.stream().map(d -> d.order().n()).toList();
        }
    }

    /** One delivery. */
    record Delivered(Order order, UUID id, String thread) {
    }

    /** The sink: records each order with the outbox id the relay hands it. */
    @ApplicationScoped
    static class OrdersSink {
        @EventSink("orders")
        void deliver(Order order) {
            UUID id = DurableEvent.currentId();
            String failing = Deliveries.FAILING.get();
            if (failing != null) {
                Deliveries.FAILED_IDS.put(order.n(), id);
                throw new IllegalStateException(failing);
            }
            Deliveries.ALL.add(new Delivered(order, id, Thread.currentThread().getName()));
        }
    }

    /** A class sink of {@link Order}s that counts how often it was closed. */
    @EventSink("orders")
    @Dependent
    static class ClosingOrdersSink implements Sink<Order> {
        static final AtomicInteger CLOSED = new AtomicInteger();

        @Override
        public void write(Order order) {
        }

        @Override
        public void close() {
            CLOSED.incrementAndGet();
        }
    }

    /** An event JSON-B cannot serialize when its label is {@code poison}. */
    public record Widget(String label) {
        @Override
        public String label() {
            if (label.equals("poison")) {
                throw new IllegalStateException("this widget cannot be written");
            }
            return label;
        }
    }

    /** A second durable sink, of widgets. */
    @ApplicationScoped
    static class WidgetsSink {
        static final List<String> LABELS = new CopyOnWriteArrayList<>();

        @EventSink("widgets")
        void deliver(Widget widget) {
            LABELS.add(widget.label());
        }
    }

    /** The key function of {@code store.key=customerKey}. */
    @ApplicationScoped
    static class Keys {
        @Produces
        @Named("customerKey")
        Function<Order, String> customerKey() {
            return Order::customer;
        }
    }

    /** A plain DataSource on H2 qualified the SmallRye way ({@code @Identifier("salesDb")}), as Quarkus names them. */
    @ApplicationScoped
    static class Identified {
        @Produces
        @ApplicationScoped
        @io.smallrye.common.annotation.Identifier("salesDb")
        DataSource salesDb() {
            return Databases.pool(Databases.url(Databases.Kind.H2), Databases.user(Databases.Kind.H2), 4);
        }

        void close(@jakarta.enterprise.inject.Disposes @io.smallrye.common.annotation.Identifier("salesDb")
                DataSource ds) {
            ((AgroalDataSource) ds).close();
        }
    }

    /** The application's JTA: Narayana's registry and an Agroal pool enlisted in its transactions. */
    @ApplicationScoped
    static class Jta {
        /** Which database the next container's {@code ordersDb} DataSource points at. */
        static final AtomicReference<Databases.Kind> KIND = new AtomicReference<>(Databases.Kind.H2);

        @Produces
        @ApplicationScoped
        TransactionSynchronizationRegistry registry() {
            return Databases.registry();
        }

        @Produces
        @ApplicationScoped
        @Named("ordersDb")
        DataSource ordersDb() {
            Databases.Kind kind = KIND.get();
            return Databases.pool(Databases.url(kind), Databases.user(kind), 8, Databases.transactionManager(),
                    Databases.registry());
        }

        void close(@jakarta.enterprise.inject.Disposes @Named("ordersDb") DataSource ds) {
            ((AgroalDataSource) ds).close();
        }
    }
}
