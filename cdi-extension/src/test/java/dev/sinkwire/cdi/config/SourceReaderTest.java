/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.cdi.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sinkwire.cdi.spi.ConfiguredSourceProvider;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code sinkwire.sources.<name>.*} keys, read by the one reader ({@link SpecReader}): every
 * problem at once, in the reader's shape, beside the sinks' problems; unknown keys named without
 * their values; what only the type knows asked of its provider.
 */
class SourceReaderTest {

    private static final String S = "sinkwire.sources.orders-in.";
    private static final String SECRET = "TopSecret-4711";

    /** Serves {@code type=test}; its client properties are {@code test.*}, of which it knows {@code servers}. */
    public static final class TestSourceProvider implements ConfiguredSourceProvider {
        @Override
        public String type() {
            return "test";
        }

        @Override
        public List<String> check(String prefix, Map<String, String> keys) {
            List<String> problems = new ArrayList<>();
            keys.keySet().stream().filter(k -> k.startsWith("test.") && !k.equals("test.servers"))
                    .forEach(k -> problems.add(prefix + k + ": not a test client property; allowed: servers"));
            return problems;
        }
    }

    /** A qualifier. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Remote {
    }

    /** A qualifier with a required member. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Region {
        String value();
    }

    /** An event. */
    public record Order(String id) {
    }

    private static List<String> problems(MapConfig config) {
        ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> SpecReader.sources(config));
        assertThat(e).as("expected problems").isNotNull();
        assertThat(e.getMessage()).doesNotContain(SECRET);
        return e.problems();
    }

    @Test
    void aSourceIsReadWithItsDefaults() {
        Map<String, SourceSpec> sources = SpecReader.sources(MapConfig.of(S + "type", "test", S + "topic", "orders",
                S + "group", "g1", S + "event-type", Order.class.getName(), S + "test.servers", SECRET));
        SourceSpec s = sources.get("orders-in");
        assertThat(s.type()).isEqualTo("test");
        assertThat(s.topic()).isEqualTo("orders");
        assertThat(s.group()).isEqualTo("g1");
        assertThat(s.eventType()).isEqualTo(Order.class);
        assertThat(s.types()).isEmpty();
        assertThat(s.qualifiers()).isEmpty();
        assertThat(s.format()).isEqualTo(SourceSpec.Format.ENVELOPE);
        assertThat(s.deadLetterTopic()).isNull();
        assertThat(s.retryBackoff()).isEqualTo(SourceSpec.DEFAULT_RETRY_BACKOFF);
        assertThat(s.client()).containsExactly(Map.entry("servers", SECRET));
        assertThat(s.toString()).contains("orders-in").contains("servers").doesNotContain(SECRET);
    }

    @Test
    void everyKeyIsRead() {
        SourceSpec s = SpecReader.sources(MapConfig.of(S + "type", "TEST", S + "topic", "orders", S + "group", "g1",
                S + "types.order.placed", Order.class.getName(), S + "qualifiers", " " + Remote.class.getName() + " ",
                S + "format", "json", S + "dead-letter.topic", "orders-dlq", S + "retry-backoff", "250ms"))
                .get("orders-in");
        assertThat(s.type()).isEqualTo("test");
        assertThat(s.eventType()).isNull();
        assertThat(s.types()).containsExactly(Map.entry("order.placed", Order.class));
        assertThat(s.qualifiers()).containsExactly(Remote.class);
        assertThat(s.format()).isEqualTo(SourceSpec.Format.JSON);
        assertThat(s.deadLetterTopic()).isEqualTo("orders-dlq");
        assertThat(s.retryBackoff()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aDisabledSourceIsNotCheckedFurther() {
        assertThat(SpecReader.sources(MapConfig.of(S + "type", "test", S + "enabled", "false", S + "colour", "red")))
                .isEmpty();
        assertThat(SpecReader.sources(MapConfig.of())).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        List<String> p = problems(MapConfig.of(S + "type", "test", S + "qualifiers", Order.class.getName() + ","
                + Region.class.getName(), S + "retry-backoff", "soon", S + "format", "avro",
                S + "types.x", "com.example.Nope", S + "enabled", "yes"));
        assertThat(p).containsExactlyInAnyOrder(
                S + "enabled=yes is not a boolean; allowed: true, false",
                S + "topic is missing; allowed: the topic the source reads, such as orders",
                S + "group is missing; allowed: a consumer group id; one group per instance for every instance to see"
                        + " every event, one group for all instances to share the work",
                S + "types.x=com.example.Nope is not a class the application can load; allowed: the fully-qualified"
                        + " name of a class visible to the application",
                S + "qualifiers=" + Order.class.getName() + "," + Region.class.getName() + " names "
                        + Order.class.getName() + ", which is not a qualifier without required members; allowed:"
                        + " qualifier annotations whose members all have defaults",
                S + "qualifiers=" + Order.class.getName() + "," + Region.class.getName() + " names "
                        + Region.class.getName() + ", which is not a qualifier without required members; allowed:"
                        + " qualifier annotations whose members all have defaults",
                S + "format=avro is not a source format (CloudEvents records are recognized by their headers in"
                        + " either); allowed: envelope, json",
                S + "retry-backoff=soon is not a valid duration; allowed: " + Problems.DURATION_ALLOWED);
    }

    @Test
    void anEventTypeOrATypeMappingIsRequired() {
        assertThat(problems(MapConfig.of(S + "type", "test", S + "topic", "t", S + "group", "g")))
                .containsExactly(S + "event-type is missing; allowed: the fully-qualified class the records are read"
                        + " as (JSON-B), or types.<type name>=<class> per CloudEvents or envelope type");
    }

    @Test
    void unknownKeysAreNamedWithTheNearestKeyNeverWithTheirValues() {
        List<String> p = problems(MapConfig.of(S + "type", "test", S + "topic", "t", S + "group", "g",
                S + "event-type", Order.class.getName(), S + "grup", SECRET, S + "colour", SECRET,
                S + "test.pasword", SECRET));
        assertThat(p).hasSize(3);
        assertThat(p.get(0)).startsWith("unknown configuration key " + S + "colour; allowed keys for source"
                + " 'orders-in': type, enabled, topic, group, event-type, qualifiers, format, dead-letter.topic,"
                + " retry-backoff, types.<type name>, test.<client property>");
        assertThat(p.get(1)).startsWith("unknown configuration key " + S + "grup; did you mean " + S + "group?;");
        assertThat(p.get(2)).isEqualTo(S + "test.pasword: not a test client property; allowed: servers");
    }

    @Test
    void theTypeMustBeServed() {
        assertThat(problems(MapConfig.of(S + "type", "rabbit", S + "topic", "t")))
                .containsExactly(S + "type=rabbit is not a source type; allowed: test");
        assertThat(problems(MapConfig.of(S + "topic", "t")))
                .containsExactly(S + "type is missing; allowed: test (keys under sinkwire.sources.<name>. declare a"
                        + " source)");
        assertThat(problems(MapConfig.of("sinkwire.sources.orders", "x")))
                .containsExactly("configuration key sinkwire.sources.orders names no source key; allowed:"
                        + " sinkwire.sources.<name>.<key>");
        assertThat(problems(MapConfig.of("sinkwire.sources.a b.type", "test")))
                .containsExactly("sinkwire.sources.a b.type=test declares a source with the invalid name 'a b';"
                        + " allowed: names of letters, digits, '-' and '_'");
    }

    @Test
    void sourceProblemsComeWithTheSinksProblemsInOneReading() {
        MapConfig config = MapConfig.of("sinkwire.sinks.audit.async", "maybe", S + "type", "test");
        ProblemsException e = catchThrowableOfType(ProblemsException.class, () -> SpecReader.read(config,
                List.of(new SinkBinding("audit", SinkKind.CLASS, "class a.B", Object.class, String.class, null)),
                FtMode.SINKWIRE));
        assertThat(e.problems()).contains("sinkwire.sinks.audit.async=maybe is not a boolean; allowed: true, false",
                S + "topic is missing; allowed: the topic the source reads, such as orders");
        Spec spec = SpecReader.read(MapConfig.of(S + "type", "test", S + "topic", "t", S + "group", "g",
                S + "event-type", Order.class.getName()), List.of(), FtMode.SINKWIRE);
        assertThat(spec.sources()).containsOnlyKeys("orders-in");
    }
}
