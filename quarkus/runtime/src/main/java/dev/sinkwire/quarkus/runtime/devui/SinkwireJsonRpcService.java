/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.quarkus.runtime.devui;

import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Dev UI card's JSON-RPC methods ({@code sinkwire-quarkus} namespace): the sinks with their
 * chains and live counters, and the recent dead letters. Called by the Dev UI in dev mode. Safe for
 * concurrent use (reads only).
 */
public class SinkwireJsonRpcService {

    @Inject
    Instance<SinkwireStats> stats;

    @Inject
    @Any
    Instance<Object> beans;

    /** A bean in dev mode only. */
    @Inject
    Instance<DeadLetterLog> deadLetters;

    /**
     * Every sink: its name, its chain (outer to inner) and its counters.
     *
     * @return one map per sink, in the order Sinkwire declares them
     */
    public List<Map<String, Object>> getSinks() {
        List<Map<String, Object>> sinks = new ArrayList<>();
        for (SinkStats s : stats.get().all().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.sink());
            m.put("chain", chain(s.sink()));
            m.put("accepted", s.accepted());
            m.put("delivered", s.delivered());
            m.put("pending", s.pending());
            m.put("failedAttempts", s.failedAttempts());
            m.put("retried", s.retried());
            m.put("dropped", s.droppedTotal());
            sinks.add(m);
        }
        return sinks;
    }

    /**
     * The most recent dead letters, newest first.
     *
     * @return at most 50 entries
     */
    public List<DeadLetterLog.Entry> getDeadLetters() {
        return deadLetters.isResolvable() ? deadLetters.get().recent() : List.of();
    }

    private String chain(String sink) {
        Instance<Object> chain = beans.select(SinkChain.Literal.of(sink));
        if (!chain.isResolvable()) {
            return "";
        }
        try (Instance.Handle<Object> handle = chain.getHandle()) { // a @Dependent bean: released at once
            return String.valueOf(handle.get());
        }
    }
}
