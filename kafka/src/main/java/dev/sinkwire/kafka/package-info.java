/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Kafka for Sinkwire, usable without CDI: {@link dev.sinkwire.kafka.KafkaSink} (a pipelined sink
 * that counts an event delivered when the broker acknowledged it), {@link dev.sinkwire.kafka.KafkaSource}
 * (at-least-once consumption into a handler, poison records to a dead-letter topic),
 * {@link dev.sinkwire.kafka.KeyExtractor} and the record formats ({@link dev.sinkwire.kafka.KafkaFormat}:
 * the webhook envelope, CloudEvents binary or structured). See {@code docs/kafka.md}.
 */
package dev.sinkwire.kafka;
