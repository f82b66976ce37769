/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SinkRulesTest {

    private static SinkDeclaration classSink(String name, String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return SinkRules.classSink(name, className, simple, "a.Event", false);
    }

    private static SinkDeclaration methodSink(String name, String className, String method, String... params) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return SinkRules.methodSink(name, className, simple, method, List.of(params), false, false, false);
    }

    @Test
    void defaultNamesFollowTheDocumentedRule() {
        assertThat(classSink("", "com.acme.AuditLog").name()).isEqualTo("auditLog");
        assertThat(methodSink("", "com.acme.Billing", "charge", "a.Order").name()).isEqualTo("billing-charge");
        assertThat(classSink("", "com.acme.URLSink").name()).isEqualTo("uRLSink");
        assertThat(classSink("explicit", "com.acme.AuditLog").name()).isEqualTo("explicit");
    }

    @Test
    void describesWhereASinkIsDeclared() {
        assertThat(classSink("", "com.acme.AuditLog").describe()).isEqualTo("class com.acme.AuditLog");
        assertThat(methodSink("", "com.acme.Billing", "charge", "a.Order", "int").describe())
                .isEqualTo("method com.acme.Billing.charge(a.Order, int)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit", "billing-charge", "a_b", "A1", "x"})
    void acceptsLettersDigitsDashAndUnderscore(String name) {
        assertThat(SinkRules.isValidName(name)).isTrue();
        assertThat(SinkRules.validate(List.of(classSink(name, "a.B")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my.sink", "with space", "ü", "a/b", "a$b"})
    void rejectsOtherCharacters(String name) {
        assertThat(SinkRules.validate(List.of(classSink(name, "a.B")))).containsExactly("@EventSink(\"" + name
                + "\") on class a.B: invalid sink name '" + name + "'; allowed: letters, digits, '-' and '_'"
                + " (no dots, no spaces, not empty)");
    }

    @Test
    void reportsDuplicatesWithEveryDeclaration() {
        List<String> problems = SinkRules.validate(List.of(classSink("dup", "a.One"),
                methodSink("dup", "a.Two", "m", "a.E"), classSink("other", "a.Three")));
        assertThat(problems).containsExactly("duplicate sink name 'dup': declared by class a.One and method"
                + " a.Two.m(a.E); sink names must be unique: give each a distinct name with @EventSink(\"...\")");
    }

    @Test
    void defaultNamesCanCollideToo() {
        assertThat(SinkRules.validate(List.of(classSink("", "a.AuditLog"), classSink("", "b.AuditLog"))))
                .singleElement().asString().startsWith("duplicate sink name 'auditLog'");
    }

    @Test
    void reportsMethodSinksWithoutExactlyOneParameter() {
        assertThat(SinkRules.validate(List.of(methodSink("m", "a.B", "none"), methodSink("n", "a.B", "two", "x", "y"))))
                .containsExactly(
                        "@EventSink on method a.B.none(): a method sink must have exactly one parameter, the event (it"
                                + " has 0); allowed: one parameter of the event type, optionally with qualifiers, like"
                                + " an observer method without @Observes",
                        "@EventSink on method a.B.two(x, y): a method sink must have exactly one parameter, the event"
                                + " (it has 2); allowed: one parameter of the event type, optionally with qualifiers,"
                                + " like an observer method without @Observes");
    }

    @Test
    void reportsClassesThatAreNoSink() {
        SinkDeclaration d = SinkRules.classSink("", "a.Plain", "Plain", null, false);
        assertThat(SinkRules.validate(List.of(d))).containsExactly("@EventSink on class a.Plain: the class does not"
                + " implement dev.sinkwire.Sink; allowed: a bean class implementing Sink<T>, or @EventSink on a method"
                + " with one event parameter");
    }

    @Test
    void invalidDeclarationsAreNotAlsoReportedAsDuplicates() {
        SinkDeclaration broken = SinkRules.methodSink("dup", "a.B", "B", "m", List.of(), false, false, false);
        assertThat(SinkRules.validate(List.of(broken, classSink("dup", "a.C")))).hasSize(1);
    }

    @Test
    void methodSinkRulesNameWhatIsWrongInOrder() {
        assertThat(SinkRules.methodSink("", "a.B", "B", "m", List.of("a.E"), true, true, true).problem())
                .isEqualTo("a method sink must not be private; allowed: a public, protected or package-private method");
        assertThat(SinkRules.methodSink("", "a.B", "B", "m", List.of("a.E"), false, true, true).problem())
                .isEqualTo("a method sink is not an observer method; remove @Observes/@ObservesAsync");
        assertThat(SinkRules.methodSink("", "a.B", "B", "m", List.of("java.util.List<T>"), false, false, true)
                .problem()).isEqualTo("the event parameter's type java.util.List<T> has a type variable; allowed: a"
                        + " concrete type");
        SinkDeclaration fine = SinkRules.methodSink("", "a.B", "B", "m", List.of("a.E"), false, false, false);
        assertThat(fine.problem()).isNull();
        assertThat(fine.name()).isEqualTo("b-m");
        assertThat(fine.eventType()).isEqualTo("a.E");
    }

    @Test
    void classSinkRulesResolveTheEventTypeOrSayWhy() {
        assertThat(SinkRules.classSink("", "a.Log", "Log", "a.E", false))
                .extracting(SinkDeclaration::eventType, SinkDeclaration::problem).containsExactly("a.E", null);
        assertThat(SinkRules.classSink("", "a.Log", "Log", null, false))
                .extracting(SinkDeclaration::eventType, SinkDeclaration::problem).containsExactly(null, null);
        assertThat(SinkRules.classSink("", "a.Log", "Log", "T", true).problem()).isEqualTo("cannot resolve the event"
                + " type T of Sink; allowed: a class that implements Sink<T> with T a concrete type, directly or"
                + " through superclasses");
    }

    @Test
    void onlyRestrictingQualifiersAreKept() {
        List<String> annotations = List.of("jakarta.inject.Named", "jakarta.enterprise.inject.Any",
                "jakarta.enterprise.inject.Default", "a.Premium", "a.NotAQualifier");
        assertThat(SinkRules.restricting(annotations, a -> a, a -> !a.equals("a.NotAQualifier"), false))
                .containsExactly("a.Premium");
        assertThat(SinkRules.restricting(annotations, a -> a, a -> !a.equals("a.NotAQualifier"), true))
                .containsExactly("jakarta.inject.Named", "jakarta.enterprise.inject.Default", "a.Premium");
    }
}
