/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * JMH benchmarks that mirror go-events' benchmarks shape for shape, beside Java peers (Guava
 * {@code EventBus}, Weld {@code Event.fire}, {@code LinkedBlockingQueue}) and "limit" rows: the
 * same work with no library around it.
 *
 * <p>Conventions, as in go-events' {@code extra_bench_test.go}: one operation is one event; the
 * payload is the string {@code "myevent"}, allocated once; construction happens outside the
 * measured region; {@code close} (which flushes asynchronous stages) is inside it; delivered
 * counts are checked exactly after every measured batch, so a benchmark that loses an event fails.
 *
 * <p>Nothing here is thread-safe unless its Javadoc says so: JMH drives each state from the
 * threads it documents.
 */
package dev.sinkwire.benchmarks;
