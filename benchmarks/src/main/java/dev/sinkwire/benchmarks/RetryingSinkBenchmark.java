package dev.sinkwire.benchmarks;

import dev.sinkwire.core.Breaker;
import dev.sinkwire.core.RetryingSink;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * go-events' {@code BenchmarkExtraRetryBreakerNoFail} and {@code ...Fail10thNoLog}: a
 * {@link RetryingSink} with a {@code Breaker(3, 10ms)} over a {@link FlakySink}. One failure never
 * trips the breaker (threshold 3, and a success resets it), so nothing sleeps: this is the
 * per-event cost of the write and retry path. One operation is one event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class RetryingSinkBenchmark {

    /** A retrying sink over a flaky sink. */
    @State(Scope.Thread)
    public abstract static class Retrying {
        FlakySink sink;
        RetryingSink<Object> retrying;
        long written;

        void create(long failEvery) {
            sink = new FlakySink(failEvery);
            retrying = new RetryingSink<>(sink, new Breaker(3, Duration.ofMillis(10)));
        }

        /** Checks the delivered events and attempts exactly. */
        @TearDown(Level.Iteration)
        public void verify() {
            sink.verify(written);
        }

        /** Closes the retrying sink, which closes the flaky sink. */
        @TearDown(Level.Trial)
        public void close() {
            retrying.close();
            if (!sink.isClosed()) {
                throw new IllegalStateException("wrapped sink not closed");
            }
        }
    }

    /** The wrapped sink never fails. */
    @State(Scope.Thread)
    public static class NoFail extends Retrying {
        /** Creates the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            create(0);
        }
    }

    /** The first attempt of every 10th event fails. */
    @State(Scope.Thread)
    public static class Fail10th extends Retrying {
        /** Creates the sinks. */
        @Setup(Level.Trial)
        public void setUp() {
            create(10);
        }
    }

    /**
     * The success path.
     *
     * @param s the state
     */
    @Benchmark
    public void retryingNoFail(NoFail s) {
        s.retrying.write(Payloads.EVENT);
        s.written++;
    }

    /**
     * Every 10th event fails once and is retried at once.
     *
     * @param s the state
     */
    @Benchmark
    public void retryingFail10th(Fail10th s) {
        s.retrying.write(Payloads.EVENT);
        s.written++;
    }
}
