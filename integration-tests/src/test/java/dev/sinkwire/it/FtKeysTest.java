package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkException;
import dev.sinkwire.core.ft.CircuitBreakerOpenException;
import dev.sinkwire.core.ft.SinkTimeoutException;
import dev.sinkwire.it.Fixtures.Flaky;
import dev.sinkwire.it.Fixtures.OrderPlaced;
import dev.sinkwire.it.Fixtures.Slow;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The FT-style Sinkwire keys (retry.strategy=ft, circuit-breaker.*, timeout) on sinks without FT
 * annotations, in both front ends. They need no FT API; NoFtApiTest runs the basics without it.
 */
class FtKeysTest {

    private static final String FLAKY = "sinkwire.sinks.flaky.";

    private static void fire(TestContainer c, Object event) {
        c.weld().getBeanManager().getEvent().select(Object.class).fire(event);
    }

    private static List<DeadLetter> letters(TestContainer c) {
        return c.get(DeadLetters.class).letters();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retryStrategyFtGivesUpAfterMaxRetries(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, Flaky.class, DeadLetters.class)
                .config(FLAKY + "async", "false").config(FLAKY + "retry.strategy", "ft")
                .config(FLAKY + "retry.max-retries", "2").config(FLAKY + "retry.jitter", "0ms")
                .config(FLAKY + "retry.delay", "1ms").start()) {
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(1);
            fire(c, new OrderPlaced("k-1"));
            assertThat(flaky.attempts()).isEqualTo(2);
            assertThat(c.get(Recorder.class).events("flaky")).containsExactly(new OrderPlaced("k-1"));

            flaky.failNext(100);
            fire(c, new OrderPlaced("k-2"));
            assertThat(flaky.attempts()).isEqualTo(2 + 3);
            assertThat(letters(c)).singleElement().satisfies(l -> {
                assertThat(l.sink()).isEqualTo("flaky");
                assertThat(l.reason()).isEqualTo(DropReason.GAVE_UP);
                assertThat(l.attempts()).isEqualTo(3);
                assertThat(l.cause()).isInstanceOf(SinkException.class).hasMessage("flaky failure");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void circuitBreakerKeysOpenTheBreaker(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, Flaky.class, DeadLetters.class)
                .config(FLAKY + "async", "false")
                .config(FLAKY + "circuit-breaker.request-volume-threshold", "2")
                .config(FLAKY + "circuit-breaker.failure-ratio", "1")
                .config(FLAKY + "circuit-breaker.delay", "1m").start()) {
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(100);
            for (int i = 0; i < 4; i++) {
                fire(c, new OrderPlaced("cb-" + i));
            }
            assertThat(flaky.attempts()).isEqualTo(2);
            assertThat(letters(c)).hasSize(4).allSatisfy(l -> assertThat(l.reason()).isEqualTo(DropReason.FAILED));
            assertThat(letters(c).subList(2, 4)).allSatisfy(
                    l -> assertThat(l.cause()).isInstanceOf(CircuitBreakerOpenException.class));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBreakerInsideTheGoEventsStrategy(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, Flaky.class, DeadLetters.class)
                .config(FLAKY + "async", "false").config(FLAKY + "retry.strategy", "breaker")
                .config(FLAKY + "retry.threshold", "1").config(FLAKY + "retry.backoff", "1ms")
                .config(FLAKY + "circuit-breaker.request-volume-threshold", "5").start()) {
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(2);
            fire(c, new OrderPlaced("gb-1"));
            assertThat(flaky.attempts()).isEqualTo(3); // go-events' breaker never gives up
            assertThat(c.get(Recorder.class).events("flaky")).containsExactly(new OrderPlaced("gb-1"));
            assertThat(c.get(new jakarta.enterprise.util.TypeLiteral<dev.sinkwire.Sink<OrderPlaced>>() { },
                    dev.sinkwire.cdi.SinkChain.Literal.of("flaky")).toString())
                    .contains("RetryingSink[Breaker").contains("CircuitBreaker[");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void timeoutKeyFailsASlowWrite(Mode mode) {
        Slow.gate = new CountDownLatch(1);
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, Slow.class, DeadLetters.class)
                .config("sinkwire.sinks.slow.async", "false").config("sinkwire.sinks.slow.timeout", "50ms").start()) {
            fire(c, new OrderPlaced("to-1"));
            assertThat(letters(c)).singleElement().satisfies(l -> {
                assertThat(l.reason()).isEqualTo(DropReason.FAILED);
                assertThat(l.cause()).isInstanceOf(SinkTimeoutException.class);
            });
        } finally {
            Slow.gate.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void badFtKeyValuesFailDeployment(Mode mode) {
        assertThatThrownBy(() -> TestContainer.builder(mode).beans(Recorder.class, Flaky.class)
                .config(FLAKY + "retry.strategy", "ft").config(FLAKY + "retry.max-retries", "-2")
                .config(FLAKY + "retry.growth", "quadratic")
                .config(FLAKY + "circuit-breaker.failure-ratio", "1.5")
                .config(FLAKY + "circuit-breaker.success-threshold", "0")
                .config(FLAKY + "timeout", "-1s").start().close())
                .hasMessageContaining(FLAKY + "retry.max-retries=-2")
                .hasMessageContaining(FLAKY + "retry.growth=quadratic")
                .hasMessageContaining(FLAKY + "circuit-breaker.failure-ratio=1.5")
                .hasMessageContaining(FLAKY + "circuit-breaker.success-threshold=0")
                .hasMessageContaining(FLAKY + "timeout=-1s");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ftKeysWithoutRetryStrategyFtAreAcceptedButUnused(Mode mode) {
        try (TestContainer c = TestContainer.builder(mode).beans(Recorder.class, Flaky.class, DeadLetters.class)
                .config(FLAKY + "async", "false").config(FLAKY + "retry.max-retries", "7").start()) {
            Flaky flaky = c.get(Flaky.class);
            flaky.failNext(1);
            fire(c, new OrderPlaced("u-1"));
            assertThat(flaky.attempts()).isEqualTo(1); // no retry layer: retry.strategy is not set
            assertThat(letters(c)).singleElement().satisfies(l -> assertThat(l.reason()).isEqualTo(DropReason.FAILED));
        }
    }
}
