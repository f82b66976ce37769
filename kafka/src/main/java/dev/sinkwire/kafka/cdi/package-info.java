/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Kafka under the Sinkwire CDI extension: {@link dev.sinkwire.kafka.cdi.KafkaSinkProvider} builds
 * config-only sinks ({@code sinkwire.sinks.<name>.type=kafka}) through the configured-sink SPI, and
 * {@link dev.sinkwire.kafka.cdi.KafkaSourceExtension} runs the sources
 * ({@code sinkwire.sources.<name>.type=kafka}) that fire records as CDI events. Both are found with
 * {@link java.util.ServiceLoader}. See {@code docs/kafka.md}.
 */
package dev.sinkwire.kafka.cdi;
