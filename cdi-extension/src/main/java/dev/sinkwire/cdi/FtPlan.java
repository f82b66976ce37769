package dev.sinkwire.cdi;

import dev.sinkwire.DropListener;
import dev.sinkwire.RetryStrategy;
import dev.sinkwire.Sink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.function.UnaryOperator;

/**
 * What one sink's chain gets for fault tolerance, decided at startup from its FT annotations,
 * the MP FT override keys, its FT-style Sinkwire keys and the {@link FtMode}:
 *
 * <ul>
 * <li>FT annotations in effect and an FT implementation active: the implementation applies them;
 *     Sinkwire only reports what fails after it gave up;
 * <li>FT annotations in effect and no FT implementation: Sinkwire maps them onto its retry policy,
 *     circuit breaker and timeout, validating every member;
 * <li>no FT annotation in effect: the FT-style keys ({@code retry.strategy=ft},
 *     {@code circuit-breaker.*}, {@code timeout}), if any.
 * </ul>
 *
 * <p>The conflict rule: a sink with an FT annotation in effect must not also set any
 * {@code retry.*}, {@code circuit-breaker.*} or {@code timeout} key under
 * {@code sinkwire.sinks.<name>.}; deployment fails naming both. Immutable.
 */
final class FtPlan {

    private final Map<String, FtAnnotations.Found> intercepted;
    private final FtChain.Layers layers;

    private FtPlan(Map<String, FtAnnotations.Found> intercepted, FtChain.Layers layers) {
        this.intercepted = intercepted;
        this.layers = layers;
    }

    /**
     * Decides a sink's plan.
     *
     * @param b the sink
     * @param s its settings
     * @param config the configuration
     * @param mode who applies FT annotations
     * @param problems where problems are reported
     * @return the plan
     */
    static FtPlan of(SinkBinding b, Settings.SinkSettings s, ConfigView config, FtMode mode, List<String> problems) {
        Map<String, FtAnnotations.Found> found = mode == FtMode.API_ABSENT ? Map.of()
                : FtAnnotations.read(b, config, problems);
        if (!found.isEmpty()) {
            List<String> competing = FtKeys.competing(b.name(), config);
            if (!competing.isEmpty()) {
                problems.add("sink '" + b.name() + "' (" + b.description() + ") has "
                        + String.join(", ", found.keySet().stream().map(a -> "@" + a + " on "
                                + found.get(a).where()).toList())
                        + " and also sets " + String.join(", ", competing) + "; allowed: one or the other. Tune an"
                        + " annotated sink with the MicroProfile Fault Tolerance keys (<class>/<method>/<Annotation>/"
                        + "<member>), or remove the annotations and use the sinkwire.sinks.<name>.* keys");
            }
            java.lang.reflect.Method method = FtAnnotations.sinkMethod(b);
            boolean interceptable = method == null || !java.lang.reflect.Modifier.isStatic(method.getModifiers());
            if (mode == FtMode.IMPLEMENTATION && interceptable) {
                return new FtPlan(found, null);
            }
            // no FT implementation, or a static method sink (interceptors never apply to static methods)
            return new FtPlan(null, FtChain.fromAnnotations(b, found, problems));
        }
        FtChain.Layers keys = FtKeys.read(b.name(), s.strategy(), config, problems);
        return new FtPlan(null, keys.any() ? keys : null);
    }

    /** @return whether the plan adds anything to the chain (else the go-events strategy alone applies) */
    boolean active() {
        return intercepted != null || layers != null;
    }

    /**
     * Builds the plan's layers around the target.
     *
     * @param name the sink's name
     * @param target the sink
     * @param strategy the go-events strategy from {@code retry.strategy}, or {@code null}
     * @param drop where failures are reported
     * @param threads the container's thread factory, or {@code null}
     * @param layerNames receives the layers' descriptions, outer to inner
     * @param attempts wraps the layer making one attempt, to count delivered events and failed attempts
     * @param retries wraps a retry policy, to count retries
     * @return the outermost layer
     */
    Sink<Object> build(String name, Sink<Object> target, RetryStrategy strategy, DropListener drop,
            ThreadFactory threads, List<String> layerNames, UnaryOperator<Sink<Object>> attempts,
            UnaryOperator<RetryStrategy> retries) {
        if (intercepted != null) {
            return FtChain.intercepted(name, target, intercepted, drop, layerNames, attempts);
        }
        return FtChain.build(name, target, layers, strategy, drop, threads, layerNames, attempts, retries);
    }
}
