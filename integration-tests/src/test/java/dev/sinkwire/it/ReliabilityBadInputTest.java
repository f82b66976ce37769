/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.ReliabilityFixtures.DeadLetterSink;
import dev.sinkwire.it.ReliabilityFixtures.Gated;
import dev.sinkwire.it.ReliabilityFixtures.SecondDeadLetterSink;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad value of the reliability keys fails deployment in both front ends, with a message
 * naming key, value and what is allowed.
 */
class ReliabilityBadInputTest {

    private static final String G = "sinkwire.sinks.gated.";

    private static String failure(TestContainer.Builder builder) {
        Throwable thrown = catchThrowable(() -> builder.start().close());
        assertThat(thrown).as("deployment must fail").isNotNull();
        StringBuilder messages = new StringBuilder();
        boolean deploymentError = false;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
            deploymentError |= t instanceof DeploymentException || t instanceof DefinitionException;
        }
        assertThat(deploymentError).as("a DeploymentException or DefinitionException in " + thrown).isTrue();
        return messages.toString();
    }

    static Stream<Arguments> badConfiguration() {
        return Stream.of(
                Arguments.of(Map.of(G + "queue.capacity", "0"), G + "queue.capacity=0 is not positive; allowed: a whole"
                        + " number from 1 to 2147483647 (omit the key for an unbounded queue)"),
                Arguments.of(Map.of(G + "queue.capacity", "-5"), G + "queue.capacity=-5 is not positive; allowed:"),
                Arguments.of(Map.of(G + "queue.capacity", "ten"), G + "queue.capacity=ten is not a whole number;"
                        + " allowed: a whole number from 1 to 2147483647"),
                Arguments.of(Map.of(G + "queue.capacity", "10", G + "queue.overflow", "sometimes"),
                        G + "queue.overflow=sometimes is not an overflow policy; allowed: block, reject, drop-oldest,"
                                + " fail"),
                Arguments.of(Map.of(G + "queue.capacity", "10", G + "queue.max-wait", "-1s"),
                        G + "queue.max-wait=-1s is negative; allowed: a duration such as 500ms"),
                Arguments.of(Map.of(G + "queue.capacity", "10", G + "queue.max-wait", "soon"),
                        G + "queue.max-wait=soon is not a valid duration; allowed:"),
                Arguments.of(Map.of(G + "queue.capacity", "10", G + "queue.overflow", "reject", G + "queue.max-wait",
                        "1s"), G + "queue.max-wait=1s applies only to queue.overflow=block, but " + G
                                + "queue.overflow=reject; allowed: queue.max-wait only with queue.overflow=block"),
                Arguments.of(Map.of(G + "queue.overflow", "reject"), G + "queue.overflow=reject needs a bounded queue;"
                        + " allowed: only together with " + G + "queue.capacity"),
                Arguments.of(Map.of(G + "queue.max-wait", "1s"), G + "queue.max-wait=1s needs a bounded queue"),
                Arguments.of(Map.of(G + "async", "false", G + "queue.capacity", "10"), G + "queue.capacity=10 needs a"
                        + " queue, but " + G + "async=false; allowed: queue.* keys only on a sink with async=true"),
                Arguments.of(Map.of(G + "dead-letter", "nobody"), G + "dead-letter=nobody names no @EventSink;"
                        + " allowed: the name of a declared sink whose event type accepts dev.sinkwire.DeadLetter;"
                        + " known sinks: "),
                Arguments.of(Map.of("sinkwire.dead-letter", "nobody"), "sinkwire.dead-letter=nobody names no"
                        + " @EventSink"),
                Arguments.of(Map.of("sinkwire.sinks.dlq.dead-letter", "dlq"), "sinkwire.sinks.dlq.dead-letter=dlq names"
                        + " the sink itself; allowed: the name of another @EventSink"),
                Arguments.of(Map.of(G + "dead-letter", "audit"), G + "dead-letter=audit names sink 'audit' of event"
                        + " type " + Fixtures.OrderPlaced.class.getName() + ", which does not accept"
                        + " dev.sinkwire.DeadLetter; allowed: a sink of type DeadLetter or a supertype (Object)"),
                Arguments.of(Map.of(G + "dead-letter", "dlq", "sinkwire.sinks.dlq.enabled", "false"),
                        G + "dead-letter=dlq names a disabled sink (sinkwire.sinks.dlq.enabled=false); allowed: an"
                                + " enabled sink"),
                Arguments.of(Map.of("sinkwire.sinks.dlq.dead-letter", "dlq2", "sinkwire.sinks.dlq2.dead-letter", "dlq"),
                        "dead-letter cycle dlq -> dlq2 -> dlq (sinkwire.sinks.dlq.dead-letter=dlq2,"
                                + " sinkwire.sinks.dlq2.dead-letter=dlq); allowed: dead-letter settings that never"
                                + " lead back to the sink they start from"),
                Arguments.of(Map.of("sinkwire.dead-letter", "dlq", "sinkwire.sinks.dlq.dead-letter", "dlq2"),
                        "dead-letter cycle dlq -> dlq2 -> dlq (sinkwire.sinks.dlq.dead-letter=dlq2,"
                                + " sinkwire.dead-letter=dlq)"),
                Arguments.of(Map.of(G + "queue.capacty", "10"), "unknown configuration key " + G + "queue.capacty;"
                        + " did you mean " + G + "queue.capacity?; allowed keys for sink 'gated': "),
                Arguments.of(Map.of(G + "dead-leter", "dlq"), "unknown configuration key " + G + "dead-leter;"
                        + " did you mean " + G + "dead-letter?"));
    }

    static Stream<Arguments> cases() {
        return badConfiguration().flatMap(a -> Stream.of(Mode.values())
                .map(m -> Arguments.of(a.get()[0], a.get()[1], m)));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("cases")
    void badReliabilityConfigurationFailsDeployment(Map<String, String> config, String expected, Mode mode) {
        TestContainer.Builder b = TestContainer.builder(mode).beans(Recorder.class, AuditLog.class, Gated.class,
                DeadLetterSink.class, SecondDeadLetterSink.class);
        config.forEach(b::config);
        assertThat(failure(b)).contains(expected);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void reliabilityProblemsAreReportedTogetherWithTheOthers(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Gated.class)
                .config(G + "retry.threshold", "-1").config(G + "queue.capacity", "0"));
        assertThat(message).contains("Sinkwire found 2 problems:").contains(G + "retry.threshold=-1 is negative")
                .contains(G + "queue.capacity=0 is not positive");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theGlobalDeadLetterKeyIsKnownToTheTypoProtection(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Gated.class, DeadLetterSink.class)
                .config("sinkwire.dead-letter.sink", "dlq"));
        assertThat(message).contains("unknown configuration key sinkwire.dead-letter.sink; allowed:"
                + " sinkwire.shutdown.timeout, sinkwire.dead-letter.events, sinkwire.thread-factory.jndi-name,"
                + " sinkwire.dead-letter, sinkwire.metrics.enabled, sinkwire.health.queue-saturation, and"
                + " sinkwire.sinks.<name>.<key>");
    }
}
