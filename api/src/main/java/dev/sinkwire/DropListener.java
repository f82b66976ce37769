/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire;

import java.lang.System.Logger.Level;

/**
 * Receives every accepted event that a sink could not deliver. Where go-events logs a dropped
 * event at debug level and moves on, Sinkwire hands it here.
 *
 * <p>Called from whichever thread dropped the event (a writer, or a queue's consumer), possibly
 * from many threads at once: implementations must be safe for concurrent use, and should be quick.
 * An exception thrown by a listener is logged and otherwise ignored, so that one broken listener
 * cannot stop delivery to the others; a {@link VirtualMachineError} ({@link OutOfMemoryError},
 * {@link StackOverflowError}...) is never swallowed: it propagates to the reporting thread.
 */
@FunctionalInterface
public interface DropListener {

    /**
     * Receives one undelivered event.
     *
     * @param letter the event, where it was going, and why it did not get there
     */
    void dropped(DeadLetter letter);

    /**
     * The default listener: logs every dropped event at {@code WARNING} through
     * {@link System.Logger} (logger name {@code dev.sinkwire}).
     *
     * @return the logging listener
     */
    static DropListener logging() {
        return LoggingDropListener.INSTANCE;
    }

    /**
     * Hands {@code letter} to {@code listener}, logging anything the listener throws, except a
     * {@link VirtualMachineError}, which it rethrows: the JVM is in trouble, and hiding that in a
     * log line would let the program carry on as if nothing happened.
     *
     * @param listener the listener
     * @param letter the dropped event
     * @throws VirtualMachineError if the listener throws one
     */
    static void notify(DropListener listener, DeadLetter letter) {
        try {
            listener.dropped(letter);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable e) { // a broken listener must not take down the thread that reports
            LoggingDropListener.LOGGER.log(Level.ERROR, "drop listener " + LoggingDropListener.text(listener)
                    + " failed on the dead letter of sink '" + letter.sink() + "' (" + letter.reason() + " after "
                    + letter.attempts() + " attempt(s)): " + LoggingDropListener.text(letter.event()), e);
        }
    }
}

/**
 * Logs each dropped event as one line at WARNING (sink, reason, attempts, event, the cause's class
 * and message); the cause's stack trace only at DEBUG, so a failing receiver does not flood the log.
 */
enum LoggingDropListener implements DropListener {
    INSTANCE;

    static final System.Logger LOGGER = System.getLogger("dev.sinkwire");

    @Override
    public void dropped(DeadLetter letter) {
        Throwable cause = letter.cause();
        LOGGER.log(Level.WARNING, () -> "dropped event for sink '" + letter.sink() + "' ("
                + letter.reason() + " after " + letter.attempts() + " attempt(s)): " + text(letter.event())
                + (cause == null ? "" : "; cause: " + text(cause)));
        if (cause != null && LOGGER.isLoggable(Level.DEBUG)) {
            LOGGER.log(Level.DEBUG, "stack trace of the cause of the drop above (sink '" + letter.sink() + "')", cause);
        }
    }

    /**
     * {@code String.valueOf(object)}, or its class name and identity hash when its
     * {@code toString()} throws: a log line must not fail the thread that reports a drop.
     */
    static String text(Object object) {
        try {
            return String.valueOf(object);
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            return fallback(object, e);
        } catch (Throwable e) {
            return fallback(object, e);
        }
    }

    private static String fallback(Object object, Throwable failure) {
        return object.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(object))
                + " (toString() threw " + failure.getClass().getName() + ")";
    }

    @Override
    public String toString() {
        return "DropListener.logging()";
    }
}
