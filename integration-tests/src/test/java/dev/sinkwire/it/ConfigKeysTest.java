/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.core.Broadcaster;
import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.BigOrders;
import dev.sinkwire.it.Fixtures.Billing;
import dev.sinkwire.it.Fixtures.Everything;
import dev.sinkwire.it.Fixtures.Flaky;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import dev.sinkwire.it.Fixtures.Slow;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.naming.Context;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every configuration key, in both front ends. */
class ConfigKeysTest {

    private static final TypeLiteral<Sink<OrderPlaced>> ORDER_SINK = new TypeLiteral<>() { };

    private static Event<Object> events(TestContainer c) {
        return c.weld().getBeanManager().getEvent();
    }

    private static void fire(TestContainer c, Object event) {
        events(c).select(Object.class).fire(event);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void enabledFalseTakesTheSinkOutOfTheGraph(Mode mode) {
        Recorder.Log log;
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class, Billing.class)
                .config("sinkwire.sinks.audit.enabled", "false")
                .config("sinkwire.sinks.billing.async", "false").start()) {
            log = c.get(Recorder.class).log();
            fire(c, new OrderPlaced("e-1"));
            c.get(new TypeLiteral<Broadcaster<Object>>() { }).write(new OrderPlaced("e-2"));

            // billing is synchronous, and a disabled sink has no queue: everything happened before fire returned
            assertThat(log.events("billing")).containsExactly(new OrderPlaced("e-1"), new OrderPlaced("e-2"));
            assertThat(log.events("audit")).isEmpty();
            Sink<OrderPlaced> audit = c.get(ORDER_SINK, SinkChain.Literal.of("audit"));
            assertThatThrownBy(() -> audit.write(new OrderPlaced("e-3"))).isInstanceOf(SinkClosedException.class)
                    .hasMessageContaining("sinkwire.sinks.audit.enabled=false");
        }
        assertThat(log.closedSinks()).doesNotContain("audit"); // never created
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void asyncFalseDeliversOnTheFiringThread(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class, Billing.class)
                .config("sinkwire.sinks.audit.async", "false").start()) {
            Recorder recorder = c.get(Recorder.class);
            fire(c, new OrderPlaced("s-1"));

            assertThat(recorder.deliveries("audit")).singleElement()
                    .satisfies(d -> assertThat(d.thread()).isEqualTo(Thread.currentThread().getName()));
            assertThat(recorder.await("billing", 1)).hasSize(1);
            assertThat(recorder.deliveries("billing").get(0).thread()).isEqualTo("sinkwire-billing");
            assertThat(c.get(ORDER_SINK, SinkChain.Literal.of("audit")).toString()).doesNotContain("Queue");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void breakerRetriesUntilTheWriteSucceeds(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, DeadLetters.class, Flaky.class)
                .config("sinkwire.sinks.flaky.retry.strategy", "breaker")
                .config("sinkwire.sinks.flaky.retry.threshold", "2")
                .config("sinkwire.sinks.flaky.retry.backoff", "10ms").start()) {
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(3);
            fire(c, new OrderPlaced("r-1"));

            assertThat(c.get(Recorder.class).await("flaky", 1)).containsExactly(new OrderPlaced("r-1"));
            assertThat(flaky.attempts()).isEqualTo(4);
            assertThat(c.get(DeadLetters.class).letters()).isEmpty();
            assertThat(c.get(ORDER_SINK, SinkChain.Literal.of("flaky")).toString())
                    .contains("Queue(flaky) -> RetryingSink[Breaker[threshold=2, backoff=PT0.01S");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void exponentialBackoffRetriesWithItsParameters(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, DeadLetters.class, Flaky.class)
                .config("sinkwire.sinks.flaky.retry.strategy", "exponential")
                .config("sinkwire.sinks.flaky.retry.base", "PT0.001S")
                .config("sinkwire.sinks.flaky.retry.factor", "2ms")
                .config("sinkwire.sinks.flaky.retry.max", "5ms").start()) {
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(3);
            fire(c, new OrderPlaced("x-1"));

            assertThat(c.get(Recorder.class).await("flaky", 1)).containsExactly(new OrderPlaced("x-1"));
            assertThat(flaky.attempts()).isEqualTo(4);
            assertThat(c.get(DeadLetters.class).letters()).isEmpty();
            assertThat(c.get(ORDER_SINK, SinkChain.Literal.of("flaky")).toString())
                    .contains("ExponentialBackoff[ExponentialBackoffConfig[base=PT0.001S, factor=PT0.002S, max=PT0.005S]");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutRetryAFailureBecomesADeadLetterEvent(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, DeadLetters.class, Flaky.class)
                .config("sinkwire.sinks.flaky.retry.strategy", "none").start()) {
            c.get(Flaky.class).failNext(1);
            fire(c, new OrderPlaced("f-1"));
            fire(c, new OrderPlaced("f-2"));

            assertThat(c.get(Recorder.class).await("flaky", 1)).containsExactly(new OrderPlaced("f-2"));
            List<DeadLetter> letters = c.get(DeadLetters.class).letters();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !letters.isEmpty());
            assertThat(letters).singleElement().satisfies(l -> {
                assertThat(l.event()).isEqualTo(new OrderPlaced("f-1"));
                assertThat(l.sink()).isEqualTo("flaky");
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                assertThat(l.cause()).hasMessage("flaky failure");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void deadLetterEventsCanBeTurnedOff(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, DeadLetters.class, Flaky.class)
                .config("sinkwire.dead-letter.events", "false")
                .config("sinkwire.sinks.flaky.async", "false").start()) {
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(1);
            fire(c, new OrderPlaced("q-1"));

            assertThat(flaky.attempts()).isEqualTo(1); // synchronous: the drop has happened
            assertThat(c.get(DeadLetters.class).letters()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void filterTypesForwardsOnlyInstancesOfTheListedTypes(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, Everything.class)
                .config("sinkwire.sinks.all.async", "false")
                .config("sinkwire.sinks.all.filter.types", OrderPlaced.class.getName() + ", java.lang.CharSequence")
                .start()) {
            fire(c, new OrderPlaced("t-1"));
            fire(c, 42);
            fire(c, "text");

            assertThat(c.get(Recorder.class).events("all")).containsExactly(new OrderPlaced("t-1"), "text");
            assertThat(c.get(new TypeLiteral<Sink<Object>>() { }, SinkChain.Literal.of("all")).toString())
                    .startsWith("sink 'all' (java.lang.Object): Filter[types[");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void filterMatcherUsesTheNamedMatcherBean(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class, BigOrders.class)
                .config("sinkwire.sinks.audit.async", "false")
                .config("sinkwire.sinks.audit.filter.matcher", "bigOrders").start()) {
            fire(c, new OrderPlaced("big-1"));
            fire(c, new OrderPlaced("small-1"));
            c.get(ORDER_SINK, SinkChain.Literal.of("audit")).write(new OrderPlaced("small-2"));

            assertThat(c.get(Recorder.class).events("audit")).containsExactly(new OrderPlaced("big-1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void filterTypesAndMatcherMustBothMatch(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class, BigOrders.class)
                .config("sinkwire.sinks.audit.async", "false")
                .config("sinkwire.sinks.audit.filter.types", Fixtures.OrderPlaced.class.getName())
                .config("sinkwire.sinks.audit.filter.matcher", "bigOrders").start()) {
            fire(c, new OrderPlaced("big-1"));
            fire(c, new OrderPlaced("small-1"));

            assertThat(c.get(Recorder.class).events("audit")).containsExactly(new OrderPlaced("big-1"));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shutdownTimeoutReportsWhatIsStillQueued(Mode mode) {
        Slow.gate = new CountDownLatch(1); // never opened: the sink blocks until interrupted
        List<DeadLetter> letters;
        Recorder.Log log;
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, DeadLetters.class, Slow.class)
                .config("sinkwire.shutdown.timeout", "100ms").start()) {
            letters = c.get(DeadLetters.class).letters();
            log = c.get(Recorder.class).log();
            for (int i = 0; i < 3; i++) {
                fire(c, new OrderPlaced("z-" + i));
            }
        }
        assertThat(log.events("slow")).isEmpty();
        assertThat(letters).extracting(DeadLetter::event)
                .containsExactly(new OrderPlaced("z-0"), new OrderPlaced("z-1"), new OrderPlaced("z-2"));
        assertThat(letters).extracting(DeadLetter::reason).containsOnly(DropReason.SHUTDOWN);
        assertThat(log.closedSinks()).contains("slow");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void queueThreadsComeFromTheConfiguredManagedThreadFactory(Mode mode) {
        String previous = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNamingFactory.class.getName());
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class, Billing.class)
                .config("sinkwire.thread-factory.jndi-name", TestNamingFactory.NAME).start()) {
            fire(c, new OrderPlaced("m-1"));
            Recorder recorder = c.get(Recorder.class);
            recorder.await("audit", 1);
            recorder.await("billing", 1);

            assertThat(recorder.deliveries("audit").get(0).thread()).startsWith("managed-");
            assertThat(recorder.deliveries("billing").get(0).thread()).startsWith("managed-");
        } finally {
            if (previous == null) {
                System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
            } else {
                System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previous);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void threadFactoryNoneUsesPlainThreads(Mode mode) {
        String previous = System.getProperty(Context.INITIAL_CONTEXT_FACTORY);
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, TestNamingFactory.class.getName());
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class)
                .config("sinkwire.thread-factory.jndi-name", "none").start()) {
            fire(c, new OrderPlaced("p-1"));
            Recorder recorder = c.get(Recorder.class);
            recorder.await("audit", 1);

            assertThat(recorder.deliveries("audit").get(0).thread()).isEqualTo("sinkwire-audit");
        } finally {
            if (previous == null) {
                System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
            } else {
                System.setProperty(Context.INITIAL_CONTEXT_FACTORY, previous);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void systemPropertiesOverrideTheApplicationsProperties(Mode mode) {
        System.setProperty("sinkwire.sinks.audit.async", "false");
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class)
                .config("sinkwire.sinks.audit.async", "true").start()) {
            fire(c, new OrderPlaced("o-1"));

            assertThat(c.get(Recorder.class).deliveries("audit")).singleElement()
                    .satisfies(d -> assertThat(d.thread()).isEqualTo(Thread.currentThread().getName()));
        } finally {
            System.clearProperty("sinkwire.sinks.audit.async");
        }
    }
}
