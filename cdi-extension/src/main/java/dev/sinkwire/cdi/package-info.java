/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Sinkwire CDI extension: {@link dev.sinkwire.EventSink @EventSink} beans and methods fed
 * from CDI events through a per-sink chain (filter, queue, retry, the sink) configured in
 * MicroProfile Config under {@code sinkwire.sinks.<name>.*}.
 *
 * <p>What users touch lives here: {@code @EventSink} (in the API module), the
 * {@link dev.sinkwire.cdi.SinkChain @SinkChain} qualifier for injecting one sink's chain, the
 * injectable {@code Broadcaster<Object>} of every sink, the injectable
 * {@link dev.sinkwire.cdi.SinkwireStats} (per-sink accounting), and the two front ends a container
 * (or a weld-junit test) registers: {@link dev.sinkwire.cdi.SinkwireExtension} (portable, for
 * Weld) and {@link dev.sinkwire.cdi.SinkwireBuildCompatibleExtension} (for CDI Lite containers
 * such as Quarkus ArC). The front ends only discover and register; the stages behind them live in
 * internal packages, which are not API:
 * <ol>
 *   <li>{@code config}: the rules for declaring sinks, every key name ({@code Keys}), and the one
 *       reader that turns the keys and the Fault Tolerance annotations into an immutable spec;</li>
 *   <li>{@code chain}: the one builder that turns a spec into each sink's chain and wires its
 *       accounting; {@code ft}: the fault tolerance layers and attempt counting;</li>
 *   <li>{@code runtime}: delivery, statistics and shutdown;</li>
 *   <li>{@code portable}, {@code lite}: what is specific to each kind of container.</li>
 * </ol>
 */
package dev.sinkwire.cdi;
