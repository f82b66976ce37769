/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.EventSink;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A sink is the bean that declares it: a class sink's bean, and the bean whose instance a method sink is called on
 * (whatever its scope), also when a subclass of that bean is a bean too or an enabled alternative (a test double),
 * in both front ends, as in the portable one. Resolving the bean class instead (an invoker's instance lookup, an
 * {@code Instance} select) is ambiguous with a subclass bean and picks the alternative.
 */
class SinkTargetTest {

    /** Records which class received the event. */
    abstract static class Target {
        @Inject
        Recorder recorder;

        void record(String sink) {
            recorder.record(sink, getClass().getSimpleName());
        }
    }

    @Dependent
    static class DependentBilling extends Target {
        @EventSink("dependent")
        void on(OrderPlaced order) {
            record("dependent");
        }
    }

    @Dependent
    static class DependentBillingSubclass extends DependentBilling {
    }

    @Singleton
    static class SingletonBilling extends Target {
        @EventSink("singleton")
        void on(OrderPlaced order) {
            record("singleton");
        }
    }

    @Singleton
    static class SingletonBillingSubclass extends SingletonBilling {
    }

    @Dependent
    static class MockedBilling extends Target {
        @EventSink("mocked")
        void on(OrderPlaced order) {
            record("mocked");
        }
    }

    @Dependent
    @Alternative
    @Priority(1)
    static class MockBilling extends MockedBilling {
    }

    @ApplicationScoped
    static class ScopedBilling extends Target {
        @EventSink("scoped")
        void on(OrderPlaced order) {
            record("scoped");
        }
    }

    @ApplicationScoped
    @Alternative
    @Priority(1)
    static class MockScopedBilling extends ScopedBilling {
    }

    /** A class sink whose test double (an enabled alternative subclass, not a sink itself) must not replace it. */
    @ApplicationScoped
    @EventSink("audited")
    static class Audited extends Fixtures.RecordingSink<OrderPlaced> {
        @Override
        String name() {
            return "audited";
        }

        @Override
        public void write(OrderPlaced event) {
            recorder.record(name(), getClass().getSimpleName());
        }
    }

    @ApplicationScoped
    @Alternative
    @Priority(1)
    static class MockAudited extends Audited {
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aClassSinkIsItsOwnBeanAlsoWithAnEnabledAlternativeSubclass(Mode mode) {
        try (TestContainer c = TestContainer.start(mode, Recorder.class, Audited.class, MockAudited.class)) {
            c.weld().getBeanManager().getEvent().select(OrderPlaced.class).fire(new OrderPlaced("a-1"));

            // the test double would record "MockAudited"
            assertThat(c.get(Recorder.class).log().await("audited", 1)).singleElement().asString()
                    .startsWith("Audited");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodSinksAreCalledOnTheDeclaringBeanWhateverItsSubclassesAndAlternatives(Mode mode) {
        try (TestContainer c = TestContainer.start(mode, Recorder.class, DependentBilling.class,
                DependentBillingSubclass.class, SingletonBilling.class, SingletonBillingSubclass.class,
                MockedBilling.class, MockBilling.class, ScopedBilling.class, MockScopedBilling.class)) {
            c.weld().getBeanManager().getEvent().select(OrderPlaced.class).fire(new OrderPlaced("t-1"));
            c.weld().getBeanManager().getEvent().select(OrderPlaced.class).fire(new OrderPlaced("t-2"));
            Recorder.Log log = c.get(Recorder.class).log();

            assertThat(log.await("dependent", 2)).containsExactly("DependentBilling", "DependentBilling");
            assertThat(log.await("singleton", 2)).containsExactly("SingletonBilling", "SingletonBilling");
            assertThat(log.await("mocked", 2)).containsExactly("MockedBilling", "MockedBilling");
            assertThat(log.await("scoped", 2)).containsExactly("ScopedBilling", "ScopedBilling");
        }
    }
}
