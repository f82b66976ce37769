package dev.sinkwire.core;

import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * Lincheck model checking of {@link Breaker}: every interleaving of failure / success / proceed
 * from three threads must give results some sequential order would give. The clock stands still,
 * so that results depend only on the count of consecutive failures.
 */
public class BreakerLincheckTest {

    private static final SinkException ERROR = new SinkException("failed");

    private final Breaker breaker = new Breaker(2, Duration.ofSeconds(1), new StoppedClock());

    /** Lincheck creates one instance per scenario (and one for the sequential check). */
    public BreakerLincheckTest() {
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

    @Test
    void modelCheck() {
        new ModelCheckingOptions().iterations(12).invocationsPerIteration(300).threads(3).actorsPerThread(3)
                .check(getClass());
    }

    /** A clock that never moves: Lincheck needs deterministic operations. */
    static final class StoppedClock implements Timekeeper {
        @Override
        public long nanoTime() {
            return 42;
        }

        @Override
        public boolean await(CountDownLatch wake, long nanos) {
            throw new AssertionError("a breaker never waits");
        }
    }
}
