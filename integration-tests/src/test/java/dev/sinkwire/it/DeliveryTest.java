/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.Billing;
import dev.sinkwire.it.Fixtures.Everything;
import dev.sinkwire.it.Fixtures.ExpressShipment;
import dev.sinkwire.it.Fixtures.OrderCancelled;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import dev.sinkwire.it.Fixtures.Premium;
import dev.sinkwire.it.Fixtures.PremiumAudit;
import dev.sinkwire.it.Fixtures.Shipment;
import dev.sinkwire.it.Fixtures.ShipmentLog;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.TypeLiteral;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CDI events reach sinks exactly as CDI observer resolution would deliver them, in both front ends. */
class DeliveryTest {

    static final class PremiumLiteral extends AnnotationLiteral<Premium> implements Premium {
        private static final long serialVersionUID = 1L;
        static final PremiumLiteral INSTANCE = new PremiumLiteral();
    }

    private static final Class<?>[] BEANS = {Recorder.class, AuditLog.class, PremiumAudit.class, Everything.class,
        ShipmentLog.class, Billing.class};

    private static Event<Object> events(TestContainer c) {
        return c.weld().getBeanManager().getEvent();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classAndMethodSinksReceiveFiredEvents(Mode mode) {
        try (TestContainer c = TestContainer.start(mode, BEANS)) {
            Recorder recorder = c.get(Recorder.class);
            OrderPlaced order = new OrderPlaced("o-1");
            events(c).select(OrderPlaced.class).fire(order);

            assertThat(recorder.await("audit", 1)).containsExactly(order);
            assertThat(recorder.await("billing", 1)).containsExactly(order);
            assertThat(recorder.await("all", 1)).containsExactly(order);
            OrderPlaced marker = new OrderPlaced("marker");
            events(c).select(OrderPlaced.class, PremiumLiteral.INSTANCE).fire(marker);
            // restricted to @Premium events: the queue is FIFO, so the plain order would have come first
            assertThat(recorder.await("premium", 1)).containsExactly(marker);
            assertThat(recorder.deliveries("audit").get(0).thread()).isEqualTo("sinkwire-audit"); // queued by default
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void qualifiersRestrictSinksByCdiRules(Mode mode) {
        try (TestContainer c = TestContainer.start(mode, BEANS)) {
            Recorder recorder = c.get(Recorder.class);
            OrderPlaced premium = new OrderPlaced("p-1");
            events(c).select(OrderPlaced.class, PremiumLiteral.INSTANCE).fire(premium);
            OrderCancelled plain = new OrderCancelled("c-1");
            OrderCancelled premiumCancel = new OrderCancelled("c-2");
            events(c).select(OrderCancelled.class).fire(plain);
            events(c).select(OrderCancelled.class, PremiumLiteral.INSTANCE).fire(premiumCancel);

            assertThat(recorder.await("premium", 1)).containsExactly(premium);
            assertThat(recorder.await("audit", 1)).containsExactly(premium); // no qualifier: sees qualified events too
            // the method sink's parameter qualifier: only the @Premium cancellation
            assertThat(recorder.await("billing-refund", 1)).containsExactly(premiumCancel);
            // @Default on the parameter, as on an observer: only events fired without qualifiers
            assertThat(recorder.await("plain-cancellations", 1)).containsExactly(plain);
            OrderCancelled later = new OrderCancelled("c-3");
            events(c).select(OrderCancelled.class).fire(later);
            assertThat(recorder.await("plain-cancellations", 2)).containsExactly(plain, later);
            assertThat(recorder.await("all", 4)).containsExactlyInAnyOrder(premium, plain, premiumCancel, later);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sinkOfObjectSeesEveryEventAndSubtypesReachSupertypeSinks(Mode mode) {
        try (TestContainer c = TestContainer.start(mode, BEANS)) {
            Recorder recorder = c.get(Recorder.class);
            Shipment shipment = new Shipment("s-1");
            ExpressShipment express = new ExpressShipment("s-2");
            events(c).select(Shipment.class).fire(shipment);
            events(c).select(ExpressShipment.class).fire(express);
            events(c).select(String.class).fire("hello");
            events(c).select(Integer.class).fire(42);

            // ShipmentLog's type comes from TypedBase<Shipment>; its default name is "shipmentLog"
            assertThat(recorder.await("shipments", 2)).containsExactly(shipment, express);
            assertThat(recorder.await("all", 4)).containsExactly(shipment, express, "hello", 42);
            assertThat(c.get(new TypeLiteral<Sink<Shipment>>() { }, SinkChain.Literal.of("shipmentLog")))
                    .hasToString("sink 'shipmentLog' (" + Shipment.class.getName() + "): Queue(shipmentLog) -> class "
                            + ShipmentLog.class.getName());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void fireAsyncReachesSinksAndItsStageCompletes(Mode mode) throws Exception {
        try (TestContainer c = TestContainer.start(mode, BEANS)) {
            Recorder recorder = c.get(Recorder.class);
            OrderPlaced order = new OrderPlaced("a-1");
            OrderPlaced delivered = events(c).select(OrderPlaced.class).fireAsync(order)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(delivered).isSameAs(order);
            assertThat(recorder.await("audit", 1)).containsExactly(order);
            assertThat(recorder.await("billing", 1)).containsExactly(order);
            assertThat(recorder.await("all", 1)).containsExactly(order);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void injectedBroadcasterWritesToEverySinkOfAMatchingType(Mode mode) {
        try (TestContainer c = TestContainer.start(mode, BEANS)) {
            Recorder recorder = c.get(Recorder.class);
            Broadcaster<Object> broadcaster = c.get(new TypeLiteral<Broadcaster<Object>>() { });
            OrderPlaced order = new OrderPlaced("b-1");
            broadcaster.write(order);
            broadcaster.write("text");

            assertThat(recorder.await("audit", 1)).containsExactly(order);
            assertThat(recorder.await("premium", 1)).containsExactly(order); // direct writes ignore qualifiers
            assertThat(recorder.await("billing", 1)).containsExactly(order);
            assertThat(recorder.await("all", 2)).containsExactly(order, "text");
            Shipment marker = new Shipment("marker");
            broadcaster.write(marker);
            assertThat(recorder.await("shipments", 1)).containsExactly(marker); // orders and text never reached it
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void namedChainIsInjectableForDirectWrites(Mode mode) {
        try (TestContainer c = TestContainer.start(mode, BEANS)) {
            Recorder recorder = c.get(Recorder.class);
            Sink<OrderPlaced> audit = c.get(new TypeLiteral<Sink<OrderPlaced>>() { }, SinkChain.Literal.of("audit"));
            Sink<OrderPlaced> billing = c.get(new TypeLiteral<Sink<OrderPlaced>>() { }, SinkChain.Literal.of("billing"));
            audit.write(new OrderPlaced("d-1"));
            billing.write(new OrderPlaced("d-2"));
            audit.close(); // owned by the container: does nothing

            assertThat(recorder.await("audit", 1)).containsExactly(new OrderPlaced("d-1"));
            assertThat(recorder.await("billing", 1)).containsExactly(new OrderPlaced("d-2"));
            c.get(new TypeLiteral<Sink<Object>>() { }, SinkChain.Literal.of("all")).write("marker");
            assertThat(recorder.await("all", 1)).containsExactly("marker"); // direct writes reach one chain only
            @SuppressWarnings({"unchecked", "rawtypes"})
            Sink<Object> raw = (Sink) audit;
            assertThatThrownBy(() -> raw.write("not an order")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sink 'audit' accepts " + OrderPlaced.class.getName());
            audit.write(new OrderPlaced("d-3"));
            assertThat(recorder.await("audit", 2)).containsExactly(new OrderPlaced("d-1"), new OrderPlaced("d-3"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bridgeMethodsAreNotSinksAndStaticMethodSinksWork(Mode mode) {
        Fixtures.OrderHandler.STATIC_CALLS.clear();
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, Fixtures.OrderHandler.class)
                .config("sinkwire.sinks.static.async", "false").start()) {
            events(c).select(OrderPlaced.class).fire(new OrderPlaced("h-1"));
            events(c).select(OrderCancelled.class).fire(new OrderCancelled("h-2"));

            assertThat(c.get(Recorder.class).await("handler", 1)).containsExactly(new OrderPlaced("h-1"));
            assertThat(Fixtures.OrderHandler.STATIC_CALLS).containsExactly(new OrderCancelled("h-2"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sinksAreListedAndBroadcastToByNameWhateverOrderTheContainerFoundThemIn(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(BEANS).config("sinkwire.sinks.audit.async", "false")
                .config("sinkwire.sinks.all.async", "false").config("sinkwire.sinks.billing.async", "false")
                .config("sinkwire.sinks.premium.async", "false").start()) {
            assertThat(c.get(SinkwireStats.class).names()).containsExactly("all", "audit", "billing", "billing-refund",
                    "plain-cancellations", "premium", "shipmentLog");
            c.get(new TypeLiteral<Broadcaster<Object>>() { }).write(new OrderPlaced("n-1"));

            // synchronous sinks: the broadcaster called them one after the other, in that order
            assertThat(c.get(Recorder.class).log().deliveries().stream().map(Recorder.Delivery::sink))
                    .containsExactly("all", "audit", "billing", "premium");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stoppingClosesEverySinkOnce(Mode mode) {
        Recorder.Log log;
        try (TestContainer c = TestContainer.start(mode, BEANS)) {
            log = c.get(Recorder.class).log();
            events(c).select(OrderPlaced.class).fire(new OrderPlaced("x"));
        }
        assertThat(log.events("audit")).hasSize(1);
        assertThat(log.closedSinks()).containsExactlyInAnyOrder("audit", "premium", "all", "shipments",
                "shipments-destroyed");
        // the @Dependent class sink is closed by the graph, then destroyed as the graph releases it
        assertThat(log.closedSinks().indexOf("shipments")).isLessThan(log.closedSinks().indexOf("shipments-destroyed"));
        List<Object> all = log.events("all");
        assertThat(all).containsExactly(new OrderPlaced("x")); // no context lifecycle events
    }
}
