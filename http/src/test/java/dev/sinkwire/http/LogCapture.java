/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures everything logged under {@code dev.sinkwire} (System.Logger goes to java.util.logging
 * when nothing else is installed), at every level, with the full text of thrown exceptions.
 */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.sinkwire");
    private final Level previous;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    LogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder s = new StringBuilder(record.getLevel() + " " + record.getMessage());
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            s.append(" | ").append(t);
        }
        lines.add(s.toString());
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
