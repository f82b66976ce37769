/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Sinkwire's core: Docker go-events' primitives in Java, and fault tolerance for them.
 * <ul>
 *   <li>{@code dev.sinkwire.core}: the go-events set ({@link dev.sinkwire.core.Broadcaster},
 *       {@link dev.sinkwire.core.Queue}, {@link dev.sinkwire.core.Channel},
 *       {@link dev.sinkwire.core.Filter}, {@link dev.sinkwire.core.RetryingSink} with
 *       {@link dev.sinkwire.core.Breaker} and {@link dev.sinkwire.core.ExponentialBackoff}), plus
 *       what every user of them needs: the bounded queue's overflow policy, drop listeners,
 *       delivery counters and the injectable clock;</li>
 *   <li>{@code dev.sinkwire.core.ft}: MicroProfile Fault Tolerance semantics as sinks and
 *       strategies ({@link dev.sinkwire.core.ft.RetryPolicy},
 *       {@link dev.sinkwire.core.ft.CircuitBreakerSink}, {@link dev.sinkwire.core.ft.TimeoutSink}).</li>
 * </ul>
 * {@code dev.sinkwire.core.internal} holds shared argument checks, key hints and MP FT's
 * exception-class lists; it is not API and is exported only to Sinkwire's own CDI extension and
 * webhook module (automatic modules, hence the suppressed warning when they are absent at compile
 * time).
 * No dependencies beyond {@code java.base} and the Sinkwire API.
 */
@SuppressWarnings("module")
module dev.sinkwire.core {
    requires transitive dev.sinkwire;

    exports dev.sinkwire.core;
    exports dev.sinkwire.core.ft;
    exports dev.sinkwire.core.internal to dev.sinkwire.cdi, dev.sinkwire.http;
}
