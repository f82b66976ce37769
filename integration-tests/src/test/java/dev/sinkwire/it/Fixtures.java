/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import dev.sinkwire.EventSink;
import dev.sinkwire.Matcher;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Events, qualifiers and sink beans shared by the tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** An event. */
    public record OrderPlaced(String id) {
    }

    /** Another event. */
    public record OrderCancelled(String id) {
    }

    /** An event for the type hierarchy tests. */
    public static class Shipment {
        final String id;

        public Shipment(String id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "Shipment[" + id + "]";
        }
    }

    /** A subtype. */
    public static class ExpressShipment extends Shipment {
        public ExpressShipment(String id) {
            super(id);
        }
    }

    /** A qualifier restricting events. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
    public @interface Premium {
    }

    /** Base for recording class sinks. */
    public abstract static class RecordingSink<T> implements Sink<T> {
        @Inject
        Recorder recorder;

        abstract String name();

        @Override
        public void write(T event) {
            recorder.record(name(), event);
        }

        @Override
        public void close() {
            recorder.closed(name());
        }
    }

    /** A class sink with an explicit name. */
    @ApplicationScoped
    @EventSink("audit")
    static class AuditLog extends RecordingSink<OrderPlaced> {
        @Override
        String name() {
            return "audit";
        }
    }

    /** A class sink that only sees {@code @Premium} orders. */
    @ApplicationScoped
    @EventSink("premium")
    @Premium
    static class PremiumAudit extends RecordingSink<OrderPlaced> {
        @Override
        String name() {
            return "premium";
        }
    }

    /** A class sink that sees everything. */
    @ApplicationScoped
    @EventSink("all")
    static class Everything extends RecordingSink<Object> {
        @Override
        String name() {
            return "all";
        }
    }

    /** A generic base: the event type comes from the subclass. */
    abstract static class TypedBase<X> implements Sink<X> {
        @Inject
        Recorder recorder;

        @Override
        public void write(X event) {
            recorder.record("shipments", event);
        }

        @Override
        public void close() {
            recorder.closed("shipments");
        }

        @jakarta.annotation.PreDestroy
        void destroyed() {
            recorder.closed("shipments-destroyed");
        }
    }

    /** A class sink with the default name ("shipmentLog") whose type is resolved through its superclass. */
    @Dependent
    @EventSink
    static class ShipmentLog extends TypedBase<Shipment> {
    }

    /** Method sinks, one with the default name. */
    @ApplicationScoped
    static class Billing {
        @Inject
        Recorder recorder;

        @EventSink("billing")
        void charge(OrderPlaced order) {
            recorder.record("billing", order);
        }

        @EventSink
        void refund(@Premium OrderCancelled cancelled) {
            recorder.record("billing-refund", cancelled);
        }

        @EventSink("plain-cancellations")
        void plainCancellations(@jakarta.enterprise.inject.Default OrderCancelled cancelled) {
            recorder.record("plain-cancellations", cancelled);
        }
    }

    /** A generic callback interface: implementing it makes javac add a bridge method (annotations copied). */
    public interface Handler<T> {
        void handle(T event);
    }

    /** A method sink that overrides a generic method, and a static method sink. */
    @ApplicationScoped
    public static class OrderHandler implements Handler<OrderPlaced> {
        static final java.util.List<Object> STATIC_CALLS = new java.util.concurrent.CopyOnWriteArrayList<>();
        @Inject
        Recorder recorder;

        @Override
        @EventSink("handler")
        public void handle(OrderPlaced event) {
            recorder.record("handler", event);
        }

        @EventSink("static")
        static void onStatic(OrderCancelled event) {
            STATIC_CALLS.add(event);
        }
    }

    /** Fails its first writes as told, then records. */
    @ApplicationScoped
    @EventSink("flaky")
    static class Flaky implements Sink<OrderPlaced> {
        final AtomicInteger failuresLeft = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        @Inject
        Recorder recorder;

        void failNext(int n) {
            failuresLeft.set(n);
        }

        int attempts() {
            return attempts.get();
        }

        @Override
        public void write(OrderPlaced event) {
            attempts.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SinkException("flaky failure");
            }
            recorder.record("flaky", event);
        }

        @Override
        public void close() {
            recorder.closed("flaky");
        }
    }

    /** Blocks every write until the gate opens; the gate opens when the application starts to stop. */
    @ApplicationScoped
    @EventSink("slow")
    static class Slow implements Sink<OrderPlaced> {
        static volatile CountDownLatch gate = new CountDownLatch(1);
        @Inject
        Recorder recorder;

        @Override
        public void write(OrderPlaced event) {
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new SinkException("gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("interrupted", e);
            }
            recorder.record("slow", event);
        }

        @Override
        public void close() {
            recorder.closed("slow");
        }
    }

    /** Opens the slow sink's gate when the application starts to stop, before Sinkwire closes its graph. */
    @ApplicationScoped
    static class GateOpener {
        static volatile int deliveredWhenStopping = -1;
        @Inject
        Recorder recorder;

        void onStop(@Observes @jakarta.enterprise.context.BeforeDestroyed(ApplicationScoped.class) Object event) {
            deliveredWhenStopping = recorder.events("slow").size();
            Slow.gate.countDown();
        }
    }

    /** A sink configured by an environment variable (SINKWIRE_SINKS_ENV_SINK_ASYNC=false, set by surefire). */
    @ApplicationScoped
    @EventSink("env-sink")
    static class EnvSink extends RecordingSink<OrderPlaced> {
        @Override
        String name() {
            return "env-sink";
        }
    }

    /** A matcher bean for filter.matcher. */
    @ApplicationScoped
    @Named("bigOrders")
    static class BigOrders implements Matcher<OrderPlaced> {
        @Override
        public boolean match(OrderPlaced event) {
            return event.id().startsWith("big");
        }
    }

    /** A named bean that is not a matcher. */
    @ApplicationScoped
    @Named("notAMatcher")
    static class NotAMatcher {
    }
}
