/** The Kafka sink against a bare {@code KafkaProducer} loop, on an in-JVM broker. */
package dev.sinkwire.benchmarks.kafka;
