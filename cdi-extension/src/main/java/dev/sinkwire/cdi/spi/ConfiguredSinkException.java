/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.spi;

import java.util.List;

/**
 * The keys of a configured sink are wrong; each problem names the key, the value (hidden for
 * secrets) and what is allowed. The extension reports each as a deployment problem. Immutable.
 */
public final class ConfiguredSinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The problems, each naming a key; not empty. */
    private final List<String> problems;

    /**
     * @param problems the problems, at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfiguredSinkException(List<String> problems) {
        super(String.join("; ", check(problems)));
        this.problems = List.copyOf(problems);
    }

    private static List<String> check(List<String> problems) {
        if (problems == null || problems.isEmpty()) {
            throw new IllegalArgumentException("problems must name at least one problem");
        }
        return problems;
    }

    /** @return every problem, one sentence each */
    public List<String> problems() {
        return problems;
    }
}
