/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.util.List;

/**
 * A webhook sink's configuration is invalid. Carries every problem found, each naming the key, the
 * value (hidden for headers and the signature secret) and what is allowed, so that a CDI extension
 * can report each one as a deployment problem. Immutable.
 */
public final class WebhookConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The problems; a List.copyOf result, which is serializable. */
    private final List<String> problems;

    WebhookConfigException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems in webhook configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Every problem found, in key order.
     *
     * @return the messages, at least one
     */
    public List<String> problems() {
        return problems;
    }
}
