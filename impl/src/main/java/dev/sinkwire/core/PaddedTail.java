/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.core.internal.Checks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The tail reference of a {@link Queue}, alone on its cache line. Every writer compare-and-sets it;
 * without the padding it shared a line with fields the consumer reads for every event, and every
 * event bounced that line between the cores (measured: the single largest cost of a write).
 * The JVM lays out a superclass's fields before its subclass's, so the padding is split across the
 * class hierarchy: {@link TailPadBefore} fields, then {@link #value}, then this class's fields.
 */
final class PaddedTail extends TailValue {
    /** Updates {@link #value}. */
    static final VarHandle VALUE = Checks.varHandle(MethodHandles.lookup(), TailValue.class, "value", Object.class);

    long p10, p11, p12, p13, p14, p15, p16, p17;

    /**
     * Creates the tail.
     *
     * @param initial the first value (the queue's stub node)
     */
    PaddedTail(Object initial) {
        super(initial);
    }
}

/** Holds the tail reference; see {@link PaddedTail}. */
abstract class TailValue extends TailPadBefore {
    /** The last node appended, or the queue's closed marker. Accessed through {@link PaddedTail#VALUE} for updates. */
    volatile Object value;

    TailValue(Object initial) {
        this.value = initial;
    }
}

/** Padding before the tail reference; see {@link PaddedTail}. */
abstract class TailPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}
