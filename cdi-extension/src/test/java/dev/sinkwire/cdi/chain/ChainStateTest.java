/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import dev.sinkwire.cdi.SinkState;
import dev.sinkwire.core.ft.CircuitBreaker;
import dev.sinkwire.core.ft.CircuitBreakerSink;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a chain reports to health checks about the MicroProfile FT circuit breaker Sinkwire applies. */
class ChainStateTest {

    /** A chain whose FT breaker was opened by one failed write. */
    private static Chain openedChain(Duration delay) {
        CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(1).failureRatio(1).delay(delay).build();
        Sink<Object> failing = new Sink<>() {
            @Override
            public void write(Object event) {
                throw new SinkException("receiver down");
            }

            @Override
            public void close() {
            }
        };
        CircuitBreakerSink<Object> guarded = new CircuitBreakerSink<>(failing, breaker);
        assertThatThrownBy(() -> guarded.write("e-1")).isInstanceOf(SinkException.class);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        ChainEntry entry = new ChainEntry("hooks", Object.class, guarded, "sink 'hooks'", false);
        return new Chain(entry, null, List.of(), 1.0, breaker, null, null, null);
    }

    @Test
    void anOpenBreakerWithinItsDelayMakesTheSinkNotReady() {
        SinkState state = openedChain(Duration.ofHours(1)).state();
        assertThat(state.breaker()).isEqualTo(SinkState.Breaker.OPEN);
        assertThat(state.ready()).isFalse();
        assertThat(state.describe()).isEqualTo("breaker-open");
    }

    @Test
    void anOpenBreakerPastItsDelayIsReportedHalfOpenSoReadinessRecoversWithoutAnotherEvent() {
        // nothing writes again: a readiness probe that kept reporting "open" would keep the instance
        // out of the load balancer, so no event would ever come to move the breaker on
        SinkState state = openedChain(Duration.ZERO).state();
        assertThat(state.breaker()).isEqualTo(SinkState.Breaker.HALF_OPEN);
        assertThat(state.ready()).isTrue();
        assertThat(state.describe()).isEqualTo("up");
    }
}
