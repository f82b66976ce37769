/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.SinkException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the default drop listener writes to the log when a webhook gives up (issue 13: one line per
 * dead letter, not a stack trace per event). Lives here because this module's tests run on the
 * class path with java.util.logging, which the JDK's System.Logger uses by default.
 */
class DefaultDropLoggingTest {

    private static final SinkException BOOM = new SinkException("receiver down");

    /** One line at WARNING with the cause's class and message; the stack trace only at DEBUG. */
    @Test
    void theDefaultListenerLogsOneLineAtWarningAndTheStackTraceOnlyAtDebug() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.sinkwire");
        List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level before = jul.getLevel();
        jul.addHandler(handler);
        try {
            DeadLetter letter = new DeadLetter("e-1", "audit", DropReason.GAVE_UP, BOOM, 3);

            jul.setLevel(java.util.logging.Level.INFO);
            DropListener.logging().dropped(letter);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(r.getThrown()).as("no stack trace at WARNING").isNull();
                assertThat(r.getMessage()).contains("'audit'", "GAVE_UP after 3 attempt(s)", "e-1",
                        SinkException.class.getName(), "receiver down");
            });

            records.clear();
            jul.setLevel(java.util.logging.Level.FINE);
            DropListener.logging().dropped(letter);
            assertThat(records).hasSize(2);
            assertThat(records.get(0).getThrown()).isNull();
            assertThat(records.get(1).getLevel()).isEqualTo(java.util.logging.Level.FINE);
            assertThat(records.get(1).getThrown()).isSameAs(BOOM);
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(before);
        }
    }
}
