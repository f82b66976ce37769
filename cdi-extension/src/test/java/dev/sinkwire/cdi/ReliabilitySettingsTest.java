package dev.sinkwire.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropListener;
import dev.sinkwire.DropReason;
import dev.sinkwire.core.OverflowPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReliabilitySettingsTest {

    private static SinkBinding sink(String name, Class<?> eventClass) {
        return new SinkBinding(name, SinkKind.CLASS, "class a.B", Object.class, eventClass, null);
    }

    private static final List<SinkBinding> SINKS = List.of(sink("audit", String.class), sink("billing", String.class),
            sink("dlq", DeadLetter.class), sink("all", Object.class));

    private static ReliabilitySettings parse(MapConfig config, List<String> problems) {
        return ReliabilitySettings.parse(config, SINKS, problems);
    }

    @Test
    void defaultsAreUnboundedWithoutDeadLetterSink() {
        List<String> problems = new ArrayList<>();
        ReliabilitySettings r = parse(MapConfig.of(), problems);
        assertThat(problems).isEmpty();
        assertThat(r.sinks().values()).allSatisfy(s -> {
            assertThat(s.bounded()).isFalse();
            assertThat(s.deadLetter()).isNull();
        });
        assertThat(r.deadLetterSinks()).isEmpty();
    }

    @Test
    void boundedQueueKeysAreRead() {
        List<String> problems = new ArrayList<>();
        ReliabilitySettings r = parse(MapConfig.of("sinkwire.sinks.audit.queue.capacity", " 10 ",
                "sinkwire.sinks.audit.queue.max-wait", "250ms",
                "sinkwire.sinks.billing.queue.capacity", "3", "sinkwire.sinks.billing.queue.overflow", "Drop-Oldest"),
                problems);
        assertThat(problems).isEmpty();
        assertThat(r.sinks().get("audit")).isEqualTo(new ReliabilitySettings.SinkReliability(10, OverflowPolicy.BLOCK,
                Duration.ofMillis(250), null));
        assertThat(r.sinks().get("billing").overflow()).isEqualTo(OverflowPolicy.DROP_OLDEST);
        assertThat(ReliabilitySettings.policyName(OverflowPolicy.DROP_OLDEST)).isEqualTo("drop-oldest");
    }

    @Test
    void theGlobalDeadLetterSinkAppliesToEverySinkButItselfAndPerSinkKeysWin() {
        List<String> problems = new ArrayList<>();
        ReliabilitySettings r = parse(MapConfig.of("sinkwire.dead-letter", "dlq",
                "sinkwire.sinks.billing.dead-letter", "all"), problems);
        assertThat(problems).isEmpty();
        assertThat(r.deadLetterOf("audit")).isEqualTo("dlq");
        assertThat(r.deadLetterOf("billing")).isEqualTo("all");
        assertThat(r.deadLetterOf("all")).isEqualTo("dlq");
        assertThat(r.deadLetterOf("dlq")).isNull();
        assertThat(r.deadLetterSinks()).containsExactlyInAnyOrder("dlq", "all");
    }

    @Test
    void deadLetterSinksCloseAfterTheSinksThatReportIntoThem() {
        List<String> problems = new ArrayList<>();
        ReliabilitySettings r = parse(MapConfig.of("sinkwire.dead-letter", "dlq",
                "sinkwire.sinks.billing.dead-letter", "all"), problems);
        Reliability rel = new Reliability(r, List.of("dlq", "all", "audit", "billing"), letter -> { });
        List<String> order = rel.closeOrder(List.of("dlq", "all", "audit", "billing"));
        assertThat(order).containsExactly("audit", "billing", "all", "dlq");
    }

    @Test
    void aLetterRoutedToASinkIsNotDeliveredToItAgainAsACdiEvent() {
        ReliabilitySettings r = parse(MapConfig.of("sinkwire.sinks.audit.dead-letter", "dlq"), new ArrayList<>());
        Reliability rel = new Reliability(r, List.of("audit", "billing", "dlq", "all"), DropListener.logging());
        DeadLetter fromAudit = new DeadLetter("e", "audit", DropReason.FAILED, null, 1);
        DeadLetter fromBilling = new DeadLetter("e", "billing", DropReason.FAILED, null, 1);
        assertThat(rel.routedAlready("dlq", fromAudit)).isTrue();
        assertThat(rel.routedAlready("all", fromAudit)).isFalse();
        assertThat(rel.routedAlready("dlq", fromBilling)).isFalse();
        assertThat(rel.routedAlready("dlq", "not a letter")).isFalse();
    }

    @Test
    void everyProblemIsCollected() {
        List<String> problems = new ArrayList<>();
        parse(MapConfig.of("sinkwire.sinks.audit.queue.capacity", "0",
                "sinkwire.sinks.audit.queue.overflow", "later",
                "sinkwire.sinks.billing.dead-letter", "audit",
                "sinkwire.sinks.dlq.dead-letter", "all", "sinkwire.sinks.all.dead-letter", "dlq"), problems);
        assertThat(problems).containsExactlyInAnyOrder(
                "sinkwire.sinks.audit.queue.capacity=0 is not positive; allowed: a whole number from 1 to 2147483647"
                        + " (omit the key for an unbounded queue)",
                "sinkwire.sinks.audit.queue.overflow=later is not an overflow policy; allowed: block, reject,"
                        + " drop-oldest, fail",
                "sinkwire.sinks.billing.dead-letter=audit names sink 'audit' of event type java.lang.String, which"
                        + " does not accept dev.sinkwire.DeadLetter; allowed: a sink of type DeadLetter or a supertype"
                        + " (Object)",
                "dead-letter cycle all -> dlq -> all (sinkwire.sinks.all.dead-letter=dlq,"
                        + " sinkwire.sinks.dlq.dead-letter=all); allowed: dead-letter settings that never lead back to"
                        + " the sink they start from");
    }
}
