/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck model checking ({@code Lincheck.runConcurrentTest}) of {@link RetryingSink}'s bounded
 * close racing two writers: the writers' registration of their attempts under way, the
 * close's deadline (a zero timeout on a manual clock, so the close always finds the deadline
 * passed) and its claim of the attempts still under way, at every interleaving of their
 * shared-memory accesses. Each write either throws (its event was not accepted, and nobody
 * reported it) or returns normally, and then its event was delivered or reported with
 * {@code SHUTDOWN}, the report made once at most; the close answers {@code false} exactly when it
 * reported something; the wrapped sink is closed once.
 *
 * <p>An event may be both delivered and reported: an attempt that the close found under way at its
 * deadline and that then succeeded (at-least-once, documented). The receiver here takes writes
 * after its close, like a remote system, so that this case is explored too. Checked: letting a writer
 * ignore the close's claim (its event then reported and also refused to it) fails this check, and
 * {@link RetryingSinkBoundedCloseStressTest}, at once. See
 * {@link QueueModelCheckTest} for what the model checker does and does not check.
 */
// CPU-bound model checking: a fixed amount of work; this bound only turns a hang into a failure (see HangGuard).
@Timeout(value = HangGuard.CPU_BOUND_MINUTES, unit = TimeUnit.MINUTES)
class RetryingSinkModelCheckTest {

    /** Fails the first write of event 1 (so that one writer retries), records the rest. */
    static final class Receiver implements Sink<Integer> {
        final List<Integer> events = new ArrayList<>();
        int closes;
        boolean failedOnce;

        @Override
        public synchronized void write(Integer event) {
            if (event == 1 && !failedOnce) {
                failedOnce = true;
                throw new SinkException("down once");
            }
            writesAfterClose += closes;
            events.add(event);
        }

        @Override
        public synchronized void close() {
            closes++;
        }

        /** Writes that arrived after {@link #close()}: the unbounded close promises none. */
        int writesAfterClose;

        synchronized int count(int event) {
            int n = 0;
            for (Integer e : events) {
                n += e == event ? 1 : 0;
            }
            return n;
        }
    }

    /** Two writers (events 1 and 2) racing a close of a retrying sink over a {@link Receiver}. */
    static final class Race {
        final Receiver receiver = new Receiver();
        final List<DeadLetter> letters = new ArrayList<>();
        /** Whether the write of event 1 and of event 2 returned normally. */
        final boolean[] returned = new boolean[3];

        /** Starts the writers, closes with {@code close}, joins them; answers what {@code close} answered. */
        boolean run(Predicate<RetryingSink<Integer>> close) {
            RetryingSink<Integer> sink = new RetryingSink<>(receiver, new RetryingSinkBoundedCloseTest.Always(), letter -> {
                synchronized (letters) {
                    letters.add(letter);
                }
            }, new ManualTimekeeper());
            Thread a = new Thread(() -> returned[1] = HangGuard.tryWrite(sink, 1));
            Thread b = new Thread(() -> returned[2] = HangGuard.tryWrite(sink, 2));
            a.start();
            b.start();
            boolean answer = close.test(sink);
            HangGuard.join(a);
            HangGuard.join(b);
            HangGuard.check(!HangGuard.tryWrite(sink, 3), "a write after close was accepted");
            return answer;
        }
    }

    @Test
    void aBoundedCloseRacingTwoWritersAccountsForEveryEventOnce() {
        HangGuard.modelCheck(3000, () -> {
            Race race = new Race();
            boolean inTime = race.run(sink -> sink.close(Duration.ZERO));
            Receiver receiver = race.receiver;
            boolean[] returned = race.returned;
            List<DeadLetter> letters = race.letters;
            List<DeadLetter> reported;
            synchronized (letters) {
                reported = new ArrayList<>(letters);
            }
            for (int e = 1; e <= 2; e++) {
                int event = e;
                long letterCount = reported.stream().filter(l -> l.event().equals(event)).count();
                int delivered = receiver.count(event);
                HangGuard.check(letterCount <= 1, "event " + e + " reported " + letterCount + " times");
                HangGuard.check(delivered <= 1, "event " + e + " delivered " + delivered + " times");
                if (returned[e]) {
                    HangGuard.check(delivered + letterCount >= 1, "event " + e + " accepted but neither delivered nor reported");
                } else {
                    HangGuard.check(letterCount == 0, "event " + e + " refused to its writer and reported too");
                }
            }
            HangGuard.check(reported.stream().allMatch(l -> l.reason() == DropReason.SHUTDOWN), "letters " + reported);
            HangGuard.check(inTime == reported.isEmpty(), "close answered " + inTime + " with letters " + reported);
            HangGuard.check(receiver.closes == 1, "receiver closed " + receiver.closes + " times");
        });
    }

    /**
     * The unbounded close racing two writers: a writer registers its attempt, then reads whether the
     * close began; the close says it began, then reads the registered attempts. At every interleaving
     * one of the two sees the other, so no attempt reaches the receiver after its close, and every
     * write either delivered its event once or threw. Checked: making the writer read the close flag
     * before registering (the order swapped) fails this check.
     */
    @Test
    void anUnboundedCloseRacingTwoWritersLetsNoAttemptReachTheReceiverAfterItsClose() {
        HangGuard.modelCheck(3000, () -> {
            Race race = new Race();
            race.run(sink -> {
                sink.close();
                return true;
            });
            Receiver receiver = race.receiver;
            boolean[] returned = race.returned;
            List<DeadLetter> letters = race.letters;
            synchronized (receiver) {
                HangGuard.check(receiver.writesAfterClose == 0, receiver.writesAfterClose + " write(s) after the receiver's close");
            }
            for (int e = 1; e <= 2; e++) {
                int delivered = receiver.count(e);
                HangGuard.check(delivered == (returned[e] ? 1 : 0), "event " + e + " delivered " + delivered
                        + " times, its write " + (returned[e] ? "returned" : "threw"));
            }
            synchronized (letters) {
                HangGuard.check(letters.isEmpty(), "an unbounded close reported " + letters);
            }
            HangGuard.check(receiver.closes == 1, "receiver closed " + receiver.closes + " times");
        });
    }
}
