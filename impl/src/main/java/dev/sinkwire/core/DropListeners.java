/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.Sink;
import dev.sinkwire.core.internal.Checks;
import java.lang.System.Logger.Level;
import java.util.Arrays;

/**
 * Ready-made {@link DropListener}s: route dead letters to any sink, and fan out to several
 * listeners.
 *
 * <pre>{@code
 * Sink<DeadLetter> deadLetters = new Queue<>(auditStore);        // any Sink: a webhook, a file...
 * DropListener drops = DropListeners.all(DropListener.logging(), DropListeners.toSink(deadLetters));
 * Sink<Event> chain = Queue.<Event>builder(webhook).capacity(1000).dropListener(drops).build();
 * }</pre>
 *
 * <p>Every listener returned here is safe for concurrent use (given sinks that are).
 */
public final class DropListeners {

    private static final System.Logger LOGGER = System.getLogger(DropListeners.class.getName());

    private DropListeners() {
    }

    /**
     * A listener that writes every dead letter, unchanged (event, sink name, reason, last error,
     * attempt count), to {@code deadLetters}.
     *
     * <p>It never recurses and never throws, except a {@link VirtualMachineError}. When
     * {@code deadLetters} fails (it throws, is closed,
     * or is a full bounded queue that refuses), the letter is logged at {@code ERROR} through
     * {@link System.Logger} (logger {@code dev.sinkwire.core.DropListeners}) and goes no further.
     * Two loops are cut the same way: a letter whose event is itself a {@link DeadLetter} (a
     * dead-letter chain reporting one of its own failures back here) is logged, not written; and a
     * letter reported on a thread that is already inside this listener's write (the dead-letter
     * sink failing synchronously into the same listener) is logged, not written.
     *
     * <p>The listener does not own {@code deadLetters}: close it after every chain that reports
     * into it, so that the chains' last reports (shutdown leftovers) still reach it.
     *
     * @param deadLetters where dead letters go; a {@link Queue} in front of a slow sink keeps the
     *     reporting thread (a writer, or a queue's consumer) from waiting on it
     * @return the routing listener
     * @throws NullPointerException if {@code deadLetters} is {@code null}
     */
    public static DropListener toSink(Sink<? super DeadLetter> deadLetters) {
        return toSink(deadLetters, LOGGER);
    }

    /**
     * {@link #toSink(Sink)} logging to {@code logger}: a test seam.
     *
     * @param deadLetters where dead letters go
     * @param logger where failures and cut loops are logged
     * @return the routing listener
     */
    static DropListener toSink(Sink<? super DeadLetter> deadLetters, System.Logger logger) {
        return new ToSink(Checks.notNull(deadLetters, "deadLetters"), Checks.notNull(logger, "logger"));
    }

    /**
     * A listener that hands every dead letter to each of {@code listeners}, in order. One that
     * throws is logged and does not stop the others, unless it throws a
     * {@link VirtualMachineError}, which propagates at once.
     *
     * @param listeners the listeners; at least one
     * @return the fan-out listener
     * @throws NullPointerException if {@code listeners} or one of them is {@code null}
     * @throws IllegalArgumentException if {@code listeners} is empty
     */
    public static DropListener all(DropListener... listeners) {
        Checks.notNull(listeners, "listeners");
        if (listeners.length == 0) {
            throw new IllegalArgumentException("listeners must not be empty");
        }
        DropListener[] copy = listeners.clone();
        for (int i = 0; i < copy.length; i++) {
            Checks.notNull(copy[i], "listeners[" + i + "]");
        }
        return new All(copy);
    }

    /** Writes letters to a sink; see {@link #toSink(Sink)}. */
    private static final class ToSink implements DropListener {
        private final Sink<? super DeadLetter> deadLetters;
        private final System.Logger logger;
        /** Set while this listener writes on the current thread: a report from inside is a loop. */
        private final ThreadLocal<Boolean> writing = new ThreadLocal<>();

        ToSink(Sink<? super DeadLetter> deadLetters, System.Logger logger) {
            this.deadLetters = deadLetters;
            this.logger = logger;
        }

        @Override
        public void dropped(DeadLetter letter) {
            if (letter.event() instanceof DeadLetter) {
                logger.log(Level.ERROR, () -> "dead-letter sink " + deadLetters + " could not take a dead letter; "
                        + "not routed again, to avoid a loop: " + letter, letter.cause());
                return;
            }
            if (writing.get() != null) {
                logger.log(Level.ERROR, () -> "dead letter reported while writing to dead-letter sink "
                        + deadLetters + "; not routed again, to avoid a loop: " + letter, letter.cause());
                return;
            }
            writing.set(Boolean.TRUE);
            try {
                deadLetters.write(letter);
            } catch (VirtualMachineError fatal) {
                throw fatal; // never swallowed (see DropListener.notify)
            } catch (Throwable e) { // the dead-letter path is the last resort: log, never rethrow
                logger.log(Level.ERROR, "dead-letter sink " + deadLetters + " failed; not delivered: " + letter, e);
            } finally {
                writing.remove();
            }
        }

        @Override
        public String toString() {
            return "DropListeners.toSink(" + deadLetters + ")";
        }
    }

    /** Fans out; see {@link #all(DropListener...)}. */
    private static final class All implements DropListener {
        private final DropListener[] listeners;

        All(DropListener[] listeners) {
            this.listeners = listeners;
        }

        @Override
        public void dropped(DeadLetter letter) {
            for (DropListener listener : listeners) {
                DropListener.notify(listener, letter);
            }
        }

        @Override
        public String toString() {
            return "DropListeners.all" + Arrays.toString(listeners);
        }
    }
}
