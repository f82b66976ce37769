/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sinkwire.it.Fixtures.AuditLog;
import dev.sinkwire.it.Fixtures.NotAMatcher;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input fails deployment, in both front ends, with a message naming key, value and what is allowed. */
class BadInputTest {

    /** Starts a container that must fail; returns the deployment error's message (with its causes). */
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
        String audit = "sinkwire.sinks.audit.";
        return Stream.of(
                Arguments.of(audit + "retry.strategy", "sometimes",
                        audit + "retry.strategy=sometimes is not a retry strategy; allowed: none, breaker, exponential"),
                Arguments.of(audit + "retry.threshold", "-1",
                        audit + "retry.threshold=-1 is negative; allowed: a whole number from 0 to 2147483647"),
                Arguments.of(audit + "retry.threshold", "five",
                        audit + "retry.threshold=five is not a whole number; allowed: a whole number from 0 to"),
                Arguments.of(audit + "retry.backoff", "soon",
                        audit + "retry.backoff=soon is not a valid duration; allowed: a duration such as 500ms, 1s"),
                Arguments.of(audit + "retry.backoff", "-PT1S", audit + "retry.backoff=-PT1S is negative; allowed:"),
                Arguments.of(audit + "retry.base", "1.5s", audit + "retry.base=1.5s is not a valid duration"),
                Arguments.of(audit + "retry.factor", "0ms",
                        audit + "retry.factor=0ms is zero; allowed: a positive duration"),
                Arguments.of(audit + "retry.max", "-5ms", audit + "retry.max=-5ms is negative"),
                Arguments.of(audit + "async", "maybe", audit + "async=maybe is not a boolean; allowed: true, false"),
                Arguments.of(audit + "enabled", "yes", audit + "enabled=yes is not a boolean; allowed: true, false"),
                Arguments.of("sinkwire.sinks.adit.async", "false", "configuration key sinkwire.sinks.adit.async names"
                        + " sink 'adit', but no @EventSink has that name; known sinks: audit"),
                Arguments.of(audit + "retry.treshold", "3", "unknown configuration key " + audit + "retry.treshold;"
                        + " did you mean " + audit + "retry.threshold?; allowed keys for sink 'audit': enabled, async,"
                        + " retry.strategy and its keys"),
                Arguments.of("sinkwire.shutdown.timout", "1s", "unknown configuration key sinkwire.shutdown.timout;"
                        + " did you mean sinkwire.shutdown.timeout?; allowed: sinkwire.shutdown.timeout,"
                        + " sinkwire.dead-letter.events, sinkwire.thread-factory.jndi-name"),
                Arguments.of("sinkwire.shutdown.timeout", "forever",
                        "sinkwire.shutdown.timeout=forever is not a valid duration"),
                Arguments.of("sinkwire.dead-letter.events", "often",
                        "sinkwire.dead-letter.events=often is not a boolean"),
                Arguments.of(audit + "filter.types", "com.example.Nope",
                        audit + "filter.types=com.example.Nope: class com.example.Nope not found; allowed:"
                                + " fully-qualified names of classes visible to the application"),
                Arguments.of(audit + "filter.types", "java.lang.String,,java.lang.Integer",
                        audit + "filter.types=java.lang.String,,java.lang.Integer has an empty entry"),
                Arguments.of(audit + "filter.matcher", "nobody", audit + "filter.matcher=nobody: there is no bean"
                        + " named 'nobody'; allowed: the name of a @Named bean implementing dev.sinkwire.Matcher"),
                Arguments.of(audit + "filter.matcher", "notAMatcher", audit + "filter.matcher=notAMatcher: bean"
                        + " 'notAMatcher' is a " + NotAMatcher.class.getName()));
    }

    @ParameterizedTest(name = "{0}={1} ({3})")
    @MethodSource("cases")
    void badConfigurationFailsDeployment(String key, String value, String expected, Mode mode) {
        String message = failure(TestContainer.builder(mode)
                .beans(Recorder.class, AuditLog.class, NotAMatcher.class).config(key, value));
        assertThat(message).contains(expected);
    }

    static Stream<Arguments> cases() {
        return badConfiguration().flatMap(a -> Stream.of(Mode.values())
                .map(m -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], m)));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyProblemIsReportedAtOnce(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Recorder.class, AuditLog.class)
                .config("sinkwire.sinks.audit.retry.strategy", "breaker")
                .config("sinkwire.sinks.audit.retry.threshold", "-3")
                .config("sinkwire.sinks.audit.retry.backoff", "1 second"));
        assertThat(message).contains("Sinkwire found 2 problems:")
                .contains("sinkwire.sinks.audit.retry.threshold=-3 is negative")
                .contains("sinkwire.sinks.audit.retry.backoff=1 second is not a valid duration");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void maxBelowBaseFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Recorder.class, AuditLog.class)
                .config("sinkwire.sinks.audit.retry.strategy", "exponential")
                .config("sinkwire.sinks.audit.retry.base", "2s")
                .config("sinkwire.sinks.audit.retry.max", "500ms"));
        assertThat(message).contains("sinkwire.sinks.audit.retry.max=500ms is less than"
                + " sinkwire.sinks.audit.retry.base=2s; allowed: retry.max at least retry.base");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void duplicateNamesFailDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode)
                .beans(BadBeans.DupOne.class, BadBeans.DupTwo.class, BadBeans.DupMethod.class));
        assertThat(message).contains("duplicate sink name 'dup': declared by ")
                .contains("class " + BadBeans.DupOne.class.getName())
                .contains("class " + BadBeans.DupTwo.class.getName())
                .contains("method " + BadBeans.DupMethod.class.getName() + ".write(")
                .contains("sink names must be unique: give each a distinct name with @EventSink(\"...\")");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodSinkWithTwoParametersFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.TwoParameters.class));
        assertThat(message).contains("@EventSink on method " + BadBeans.TwoParameters.class.getName() + ".write(")
                .contains("a method sink must have exactly one parameter, the event (it has 2); allowed: one"
                        + " parameter of the event type");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodSinkWithoutParameterFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.NoParameter.class));
        assertThat(message).contains("@EventSink on method " + BadBeans.NoParameter.class.getName() + ".write()")
                .contains("(it has 0)");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void privateMethodSinkFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.PrivateMethod.class));
        assertThat(message).contains(BadBeans.PrivateMethod.class.getName() + ".write(")
                .contains("a method sink must not be private");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void methodSinkThatIsAlsoAnObserverFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.ObserverToo.class));
        assertThat(message).contains(BadBeans.ObserverToo.class.getName() + ".write(")
                .contains("a method sink is not an observer method; remove @Observes/@ObservesAsync");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void classThatIsNoSinkFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.NotASink.class));
        assertThat(message).contains("@EventSink on class " + BadBeans.NotASink.class.getName()
                + ": the class does not implement dev.sinkwire.Sink; allowed: a bean class implementing Sink<T>");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void invalidNameFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.DottedName.class));
        assertThat(message).contains("@EventSink(\"my.sink\") on class " + BadBeans.DottedName.class.getName()
                + ": invalid sink name 'my.sink'; allowed: letters, digits, '-' and '_'");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unresolvableEventTypeFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.Generic.class));
        assertThat(message).contains("@EventSink on class " + BadBeans.Generic.class.getName()
                + ": cannot resolve the event type T of Sink");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void wildcardEventTypeFailsDeploymentWithSinkwiresMessage(Mode mode) {
        String method = failure(TestContainer.builder(mode).beans(BadBeans.Wildcard.class));
        assertThat(method).contains("@EventSink on method " + BadBeans.Wildcard.class.getName()
                + ".write(java.util.List<?>): the event type java.util.List<?> has a wildcard; allowed: a type without"
                + " wildcards or type variables, such as the raw type java.util.List");
        String clazz = failure(TestContainer.builder(mode).beans(BadBeans.WildcardClass.class));
        assertThat(clazz).contains("@EventSink on class " + BadBeans.WildcardClass.class.getName()
                + ": the event type java.util.List<? extends java.lang.Number> has a wildcard; allowed: a type"
                + " without wildcards or type variables, such as the raw type java.util.List");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSinkOnAnInterceptorFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(BadBeans.InterceptorSink.class));
        assertThat(message).contains("@EventSink on method " + BadBeans.InterceptorSink.class.getName()
                + ".write(" + Fixtures.OrderPlaced.class.getName() + "): an interceptor or decorator cannot be a sink"
                + " nor declare one, as it cannot declare an observer method; allowed: @EventSink on a bean that is"
                + " neither");
    }

    /** The "Sinkwire: ..." messages of a failed deployment, without what the container adds around them. */
    private static Set<String> sinkwireMessages(Mode mode, Class<?>... beans) {
        Set<String> found = new TreeSet<>();
        Arrays.stream(failure(TestContainer.builder(mode).beans(beans)).split("\n"))
                .filter(line -> line.contains("Sinkwire: "))
                .forEach(line -> found.add(line.substring(line.indexOf("Sinkwire: "))));
        assertThat(found).as("Sinkwire's messages").isNotEmpty();
        return found;
    }

    @ParameterizedTest
    @ValueSource(strings = {"DupOne,DupTwo,DupMethod", "WildcardTwoParameters", "Wildcard", "WildcardClass",
        "TwoParameters", "NoParameter", "PrivateMethod", "ObserverToo", "NotASink", "DottedName", "Generic",
        "InterceptorSink"})
    void declarationErrorsAreWordForWordTheSameInBothFrontEnds(String beanNames) throws Exception {
        String[] names = beanNames.split(",");
        Class<?>[] beans = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            beans[i] = Class.forName(BadBeans.class.getName() + "$" + names[i]);
        }
        assertThat(sinkwireMessages(Mode.LITE, beans)).isEqualTo(sinkwireMessages(Mode.PORTABLE, beans));
    }
}
