/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** What each sink was called with, in call order, per sink name. Thread-safe. */
@ApplicationScoped
public class Recorder {
    private final Map<String, List<String>> calls = new ConcurrentHashMap<>();

    void record(String sink, String entry) {
        List<String> list = calls.computeIfAbsent(sink, k -> new ArrayList<>());
        synchronized (list) {
            list.add(entry);
        }
    }

    /** Calls made to one sink so far; empty if none. */
    public List<String> calls(String sink) {
        List<String> list = calls.get(sink);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** Counts the calls for one event id so far (the attempt number of the call being made). */
    int attempt(String sink, String id) {
        List<String> list = calls.get(sink);
        if (list == null) {
            return 0;
        }
        synchronized (list) {
            return (int) list.stream().filter(e -> e.startsWith(id + "#")).count();
        }
    }
}
