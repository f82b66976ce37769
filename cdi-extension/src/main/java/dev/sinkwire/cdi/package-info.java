/**
 * The Sinkwire CDI extension: {@link dev.sinkwire.EventSink @EventSink} beans and methods fed
 * from CDI events through a per-sink graph (filter, queue, retrying sink) configured in
 * MicroProfile Config under {@code sinkwire.sinks.<name>.*}.
 *
 * <p>Two front ends share one runtime-neutral model: {@link dev.sinkwire.cdi.SinkwireExtension}
 * (a portable extension, for Weld) and {@link dev.sinkwire.cdi.SinkwireBuildCompatibleExtension}
 * (for CDI Lite containers such as Quarkus ArC). Both only collect facts (sink names, bean
 * classes, methods, event types, qualifiers); the package-private model validates them, reads
 * the configuration and builds the graph at startup. What users touch: {@code @EventSink} (in
 * the API module), the {@link dev.sinkwire.cdi.SinkChain @SinkChain} qualifier for injecting one
 * sink's chain, the injectable {@code Broadcaster<Object>} of every sink, and the injectable
 * {@link dev.sinkwire.cdi.SinkwireStats} (per-sink accounting). Bounded queues and dead-letter
 * sinks are configured with {@code sinkwire.sinks.<name>.queue.*}, {@code ...dead-letter} and
 * {@code sinkwire.dead-letter}.
 *
 * <p>MicroProfile Fault Tolerance annotations on sinks ({@code @Retry}, {@code @CircuitBreaker},
 * {@code @Timeout}, SmallRye's backoff annotations) are applied by an FT implementation when one is
 * active, and otherwise mapped onto the core strategies by the {@code Ft*} classes, which name no
 * FT type (the FT API is optional). {@link dev.sinkwire.cdi.SinkAttempts},
 * {@link dev.sinkwire.cdi.SinkAttemptsInterceptor} and the {@code FtAttempts*Extension}s are for
 * the container only: they count an FT implementation's retries for dead letters.
 */
package dev.sinkwire.cdi;
