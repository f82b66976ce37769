/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import java.util.List;

/**
 * Startup found problems that must fail deployment. Each front end turns it into its container's
 * deployment error. Not thread-safe to mutate; never mutated after construction.
 */
public final class ProblemsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ProblemsException(List<String> problems) {
        super(join(problems));
        this.problems = List.copyOf(problems);
    }

    public ProblemsException(String problem) {
        this(List.of(problem));
    }

    /** @return one message per problem */
    public List<String> problems() {
        return problems;
    }

    /** Joins messages into one, numbered when there are several. */
    private static String join(List<String> problems) {
        if (problems.size() == 1) {
            return "Sinkwire: " + problems.get(0);
        }
        StringBuilder b = new StringBuilder("Sinkwire found ").append(problems.size()).append(" problems:");
        for (int i = 0; i < problems.size(); i++) {
            b.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
        }
        return b.toString();
    }
}
