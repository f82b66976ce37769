/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/** The Kafka sink against a bare {@code KafkaProducer} loop, on an in-JVM broker. */
package dev.sinkwire.benchmarks.kafka;
