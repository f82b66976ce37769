/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What each sink was called with, in call order, per sink name. Thread-safe. */
@ApplicationScoped
public class Recorder {
    private final Map<String, List<String>> calls = new ConcurrentHashMap<>();

    /** Records one call of a sink and returns its attempt number for that event id (1 for the first). */
    public int record(String sink, String id) {
        List<String> list = calls.computeIfAbsent(sink, k -> new ArrayList<>());
        synchronized (list) {
            int attempt = 1 + (int) list.stream().filter(e -> e.startsWith(id + "#")).count();
            list.add(id + "#" + attempt);
            return attempt;
        }
    }

    /** Calls made to one sink so far, as {@code id#attempt}; empty if none. */
    public List<String> calls(String sink) {
        List<String> list = calls.get(sink);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** Calls made to one sink so far for event ids starting with a prefix, in call order. */
    public List<String> calls(String sink, String idPrefix) {
        return calls(sink).stream().filter(e -> e.startsWith(idPrefix)).toList();
    }
}
