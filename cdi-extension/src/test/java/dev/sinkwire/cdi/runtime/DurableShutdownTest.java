/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.cdi.config.FtMode;
import dev.sinkwire.cdi.config.MapConfig;
import dev.sinkwire.cdi.config.MethodCall;
import dev.sinkwire.cdi.spi.DurableStoreContext;
import dev.sinkwire.cdi.spi.DurableStoreProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A durable sink's CDI events once the application stops. */
class DurableShutdownTest {

    /**
     * A stand-in for {@code sinkwire-durable}'s {@code store=jdbc}: "stores" each event by counting it accepted, then
     * hands it to the chain behind at once. Registered through {@code META-INF/services}; safe for concurrent use.
     */
    public static final class PassThroughStore implements DurableStoreProvider {

        @Override
        public String store() {
            return "jdbc";
        }

        @Override
        public Sink<Object> create(DurableStoreContext context) {
            return new Sink<>() {
                @Override
                public void write(Object event) {
                    context.acceptListener().accept(event);
                    context.inner().write(event);
                }

                @Override
                public void close() {
                    context.inner().close();
                }
            };
        }
    }

    /**
     * A durable sink that cannot store an event throws at the code that fired it, so that its transaction does not
     * commit the business data without the event. Once the application stopped, its CDI events were reported as
     * {@code CLOSED} dead letters and not thrown: the caller's transaction committed without the event stored.
     */
    @Test
    void aDurableSinkRefusesEventsFiredAfterStopByThrowing() {
        List<Object> delivered = Collections.synchronizedList(new ArrayList<>());
        MethodCall call = event -> delivered.add(event);
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        SinkwireRuntime runtime = SinkwireRuntime.start(List.of(ShutdownRaceTest.methodSink("d", String.class, call)),
                MapConfig.of("sinkwire.thread-factory.jndi-name", "none", "sinkwire.sinks.d.store", "jdbc"), null,
                ShutdownRaceTest.recording(letters), FtMode.SINKWIRE);
        runtime.deliver("d", "stored");
        runtime.close();

        assertThatThrownBy(() -> runtime.deliver("d", "late")).isInstanceOf(SinkClosedException.class)
                .hasMessageContaining("sink 'd' is closed");
        assertThat(delivered).containsExactly("stored");
        assertThat(letters).isEmpty();
        assertThat(runtime.stats().of("d").accepted()).isEqualTo(1);
    }
}
