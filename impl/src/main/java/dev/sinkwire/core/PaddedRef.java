/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import dev.sinkwire.core.internal.Checks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A reference alone on its cache line, for a {@link Queue}'s hot shared references: its tail, which
 * every writer compare-and-sets, and its write in flight, which the consumer sets and
 * compare-and-sets for every event. Without the padding the tail shared a line with fields the
 * consumer reads for every event, and every event bounced that line between the cores (measured:
 * the single largest cost of a write). The JVM lays out a superclass's fields before its
 * subclass's, so the padding is split across the class hierarchy: {@link RefPadBefore} fields, then
 * {@link #value}, then this class's fields.
 */
final class PaddedRef extends RefValue {
    /** Updates {@link #value}. */
    static final VarHandle VALUE = Checks.varHandle(MethodHandles.lookup(), RefValue.class, "value", Object.class);

    long p10, p11, p12, p13, p14, p15, p16, p17;

    /**
     * Creates the reference.
     *
     * @param initial the first value
     */
    PaddedRef(Object initial) {
        super(initial);
    }
}

/** Holds the reference; see {@link PaddedRef}. */
abstract class RefValue extends RefPadBefore {
    /** The value (for the tail: the last node appended, or the queue's closed marker). Accessed through {@link PaddedRef#VALUE} for updates. */
    volatile Object value;

    RefValue(Object initial) {
        this.value = initial;
    }
}

/** Padding before the reference; see {@link PaddedRef}. */
abstract class RefPadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}
