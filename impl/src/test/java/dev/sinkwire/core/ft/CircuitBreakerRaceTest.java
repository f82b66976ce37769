/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.ft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.ManualTimekeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Small races on one fresh {@link CircuitBreaker}, repeated thousands of times: two or three
 * {@link CircuitBreakerSink} writes released together by a barrier, submitted in random order,
 * then checks that must hold for every interleaving. The clock stands still (a
 * {@link ManualTimekeeper} never advanced): delay zero lets open turn half-open at the next call,
 * a long delay keeps it open. Nothing here waits on time; a round that does not finish within 30 s
 * is a hang, not slowness.
 *
 * <p>Why not linearizability: a call is not atomic by nature (it spans the wrapped sink's write,
 * and a result is not counted if the breaker moved on meanwhile), so two calls admitted together
 * can both fail where one after the other the second would have been refused. What must hold
 * instead: every write either reaches the sink or is refused, never both; a half-open breaker
 * never lets more than {@code successThreshold} calls into the sink at once; a trial given back
 * (the sink was closed) can be taken again; failures that fill the window open the breaker.
 * (Lincheck's {@code runConcurrentTest} explored the same scenarios, but its hang detector is
 * timed, and it reported "Concurrent test has hung" on this 2-core machine under load; plain races
 * repeated many times cannot fail that way.)
 */
class CircuitBreakerRaceTest {

    private static final int ROUNDS = 2_000;
    /** Made once: the sinks throw the same exceptions every round. */
    private static final IllegalStateException DOWN = new IllegalStateException("down");
    private static final SinkClosedException GONE = new SinkClosedException("gone");

    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private final Random random = new Random(20261206L);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A sink that counts calls, and the most calls inside it at once. */
    static final class Inside implements Sink<Object> {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger mostInside = new AtomicInteger();
        private final RuntimeException failure;

        Inside(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void write(Object event) {
            calls.incrementAndGet();
            int now = inside.incrementAndGet();
            mostInside.accumulateAndGet(now, Math::max);
            Thread.yield(); // widen the window in which another call can arrive
            inside.decrementAndGet();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void halfOpenLetsAtMostSuccessThresholdCallsInAndTheirSuccessesCloseIt() throws Exception {
        int refusals = 0;
        for (int round = 0; round < ROUNDS; round++) {
            CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(1).failureRatio(1)
                    .delay(Duration.ZERO).successThreshold(2).timekeeper(new ManualTimekeeper()).build();
            assertThat(tryWrite(new CircuitBreakerSink<>(new Inside(DOWN), breaker))).isEqualTo("F"); // opens it
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
            Inside receiver = new Inside(null);
            CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker);

            List<String> outcomes = race(sink, sink, sink);

            int admitted = count(outcomes, "S");
            assertThat(admitted + count(outcomes, "R")).as("outcomes %s", outcomes).isEqualTo(3);
            assertThat(receiver.calls).as("sink calls for %s", outcomes).hasValue(admitted);
            assertThat(receiver.mostInside.get()).as("calls inside a half-open breaker at once").isLessThanOrEqualTo(2);
            assertThat(admitted).as("trials admitted").isGreaterThanOrEqualTo(2);
            assertThat(breaker.state()).as("after two successful trials").isEqualTo(CircuitBreaker.State.CLOSED);
            refusals += 3 - admitted;
        }
        System.out.printf("half-open race: %d writes refused in %d rounds%n", refusals, ROUNDS);
    }

    @Test
    void failuresRacingToFillTheWindowAlwaysOpenItAndEveryWriteIsCalledOrRefused() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(2).failureRatio(1)
                    .delay(Duration.ofMinutes(1)).timekeeper(new ManualTimekeeper()).build();
            Inside receiver = new Inside(DOWN);
            CircuitBreakerSink<Object> sink = new CircuitBreakerSink<>(receiver, breaker);

            List<String> outcomes = race(sink, sink, sink);

            int failed = count(outcomes, "F");
            assertThat(failed + count(outcomes, "R")).as("outcomes %s", outcomes).isEqualTo(3);
            assertThat(receiver.calls).as("sink calls for %s", outcomes).hasValue(failed);
            assertThat(failed).as("refused before the window was full: %s", outcomes).isGreaterThanOrEqualTo(2);
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(tryWrite(sink)).as("a write to an open breaker").isEqualTo("R");
        }
    }

    @Test
    void aTrialGivenBackBecauseTheSinkWasClosedCanBeTakenAgain() throws Exception {
        int refusedRounds = 0;
        for (int round = 0; round < ROUNDS; round++) {
            CircuitBreaker breaker = CircuitBreaker.builder().requestVolumeThreshold(1).failureRatio(1)
                    .delay(Duration.ZERO).successThreshold(1).timekeeper(new ManualTimekeeper()).build();
            tryWrite(new CircuitBreakerSink<>(new Inside(DOWN), breaker)); // opens it
            CircuitBreakerSink<Object> toClosed = new CircuitBreakerSink<>(new Inside(GONE), breaker);
            CircuitBreakerSink<Object> toOpen = new CircuitBreakerSink<>(new Inside(null), breaker);

            List<String> outcomes = race(toClosed, toOpen);

            assertThat(outcomes.get(0)).as("a write to a closed sink").isIn("C", "R");
            if (outcomes.get(1).equals("S")) {
                assertThat(breaker.state()).as("after a successful trial").isEqualTo(CircuitBreaker.State.CLOSED);
            } else { // refused while the other write held the only trial: it must be free again now
                refusedRounds++;
                assertThat(outcomes.get(1)).isEqualTo("R");
                assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
                assertThat(tryWrite(toOpen)).as("the trial given back").isEqualTo("S");
                assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            }
        }
        System.out.printf("given-back trial race: %d of %d rounds saw a refusal%n", refusedRounds, ROUNDS);
    }

    /** Writes once through each sink, all released together, submitted in random order; outcomes in argument order. */
    @SafeVarargs
    private List<String> race(Sink<Object>... sinks) throws Exception {
        CyclicBarrier start = new CyclicBarrier(sinks.length);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sinks.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<Future<String>> futures = new ArrayList<>(Collections.nCopies(sinks.length, null));
        for (int i : order) {
            Sink<Object> sink = sinks[i];
            futures.set(i, threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return tryWrite(sink);
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : futures) {
            outcomes.add(f.get(30, TimeUnit.SECONDS));
        }
        return outcomes;
    }

    /** Writes once: "S" success, "F" failed in the sink, "C" sink closed, "R" refused. */
    private static String tryWrite(Sink<Object> sink) {
        try {
            sink.write("e");
            return "S";
        } catch (CircuitBreakerOpenException refused) {
            return "R";
        } catch (SinkClosedException closed) {
            return "C";
        } catch (IllegalStateException failed) {
            return "F";
        }
    }

    private static int count(List<String> outcomes, String outcome) {
        return (int) outcomes.stream().filter(outcome::equals).count();
    }
}
