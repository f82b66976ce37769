package dev.sinkwire.core;

import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of {@link CircuitBreaker} used as a retry strategy: every interleaving of
 * results, proceeds (which take half-open trials) and state reads from three threads must give
 * results that some sequential order of the same operations would give.
 *
 * <p>The clock stands still: a clock that moves during an operation makes any breaker that reads
 * it outside its compare-and-set look non-linearizable (the time read and the state published are
 * two steps), which says nothing about the state machine. Two configurations instead: a delay of
 * zero, so that open, half-open and closed all follow each other without time passing; and a
 * delay that never passes, so that results while open are ignored and proceed reports the wait.
 * (A {@link CircuitBreakerSink} call is not atomic by nature — it spans the wrapped sink's write,
 * and its result is not counted if the breaker moved on meanwhile — the stress tests cover it.)
 */
public class CircuitBreakerLincheckTest {

    private static final SinkException ERROR = new SinkException("failed");

    /** The operations, on a breaker with a window of 2, ratio 0.5 and 2 successes to close. */
    abstract static class Operations {
        final CircuitBreaker breaker;

        Operations(Duration delay) {
            breaker = CircuitBreaker.builder().requestVolumeThreshold(2).failureRatio(0.5).delay(delay)
                    .successThreshold(2).timekeeper(new StoppedClock()).build();
        }

        @Operation
        public boolean failure() {
            return breaker.failure("e", ERROR);
        }

        @Operation
        public void success() {
            breaker.success("e");
        }

        @Operation
        public long proceed() {
            return breaker.proceed("e").toNanos();
        }

        @Operation
        public CircuitBreaker.State state() {
            return breaker.state();
        }
    }

    /** Delay zero: every state is reachable. */
    public static class ZeroDelay extends Operations {
        public ZeroDelay() {
            super(Duration.ZERO);
        }
    }

    /** A delay that never passes: once open, open for good. */
    public static class LongDelay extends Operations {
        public LongDelay() {
            super(Duration.ofSeconds(1));
        }
    }

    @Test
    void modelCheckWithZeroDelay() {
        options().check(ZeroDelay.class);
    }

    @Test
    void modelCheckWithADelayThatNeverPasses() {
        options().check(LongDelay.class);
    }

    private static ModelCheckingOptions options() {
        return new ModelCheckingOptions().iterations(30).invocationsPerIteration(300).threads(3).actorsPerThread(3)
                .actorsBefore(2).actorsAfter(2);
    }

    /** A clock that never moves: Lincheck needs deterministic operations. */
    static final class StoppedClock implements Timekeeper {
        @Override
        public long nanoTime() {
            return 1_000;
        }

        @Override
        public boolean await(CountDownLatch wake, long nanos) {
            throw new AssertionError("a breaker never waits");
        }
    }
}
