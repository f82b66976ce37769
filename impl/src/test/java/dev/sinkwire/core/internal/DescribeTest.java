/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Describe#of}: a user's {@code toString()} that throws never fails a failure path. */
class DescribeTest {

    /** Its {@code toString()} throws what it was given. */
    private static final class Throws {
        private final RuntimeException runtime;
        private final Error error;

        Throws(RuntimeException runtime, Error error) {
            this.runtime = runtime;
            this.error = error;
        }

        @Override
        public String toString() {
            if (runtime != null) {
                throw runtime;
            }
            throw error;
        }
    }

    @Test
    void aWorkingToStringAndNullAreUsedAsIs() {
        assertThat(Describe.of("sink")).isEqualTo("sink");
        assertThat(Describe.of(null)).isEqualTo("null");
    }

    @Test
    void aThrowingToStringFallsBackToClassAndIdentity() {
        Throws t = new Throws(new IllegalStateException("boom"), null);
        assertThat(Describe.of(t)).isEqualTo(Throws.class.getName() + "@"
                + Integer.toHexString(System.identityHashCode(t)) + " (toString() threw java.lang.IllegalStateException)");
        assertThat(Describe.of(new Throws(null, new AssertionError()))).contains("AssertionError");
        assertThat(Describe.of(new Throws(null, new StackOverflowError()))).contains("StackOverflowError");
    }

    @Test
    void anOutOfMemoryErrorIsNotSwallowed() {
        OutOfMemoryError oom = new OutOfMemoryError("test");
        assertThatThrownBy(() -> Describe.of(new Throws(null, oom))).isSameAs(oom);
    }
}
