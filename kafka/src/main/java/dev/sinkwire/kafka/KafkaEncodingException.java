/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import dev.sinkwire.SinkException;

/**
 * An event could not be turned into a Kafka record (its JSON or its key failed): a permanent
 * failure, reported as the cause of the event's dead letter. No request was made. Immutable.
 */
public final class KafkaEncodingException extends SinkException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the error of JSON-B or the key extractor
     */
    public KafkaEncodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
