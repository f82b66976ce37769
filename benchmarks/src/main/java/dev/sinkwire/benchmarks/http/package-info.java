/**
 * JMH benchmark of the webhook sink ({@code sinkwire-http}): events per second delivered to a
 * loopback receiver, one event per request against batches, with the HTTP requests counted.
 */
package dev.sinkwire.benchmarks.http;
