/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.DropReason;
import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import dev.sinkwire.cdi.SinkwireStats;
import dev.sinkwire.core.SinkStats;
import dev.sinkwire.it.WebhookFixtures.JsonbProducer;
import dev.sinkwire.it.WebhookFixtures.Returned;
import dev.sinkwire.it.WebhookFixtures.Shipped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A webhook declared in configuration alone ({@code sinkwire.sinks.<name>.type=http}, no Java),
 * under Weld SE with both front ends, posting to a JDK {@code HttpServer} on 127.0.0.1.
 */
class ConfiguredWebhookTest {

    private static final String HOOK = "sinkwire.sinks.hook.";

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private TestContainer.Builder hook(Mode mode, Class<?>... beans) {
        return TestContainer.builder(mode).beans(beans)
                .config(HOOK + "type", "http")
                .config(HOOK + "url", receiver.url())
                .config(HOOK + "headers.Authorization", "Bearer test-token")
                .config(HOOK + "headers.X-Shop", "north")
                // generous: a loaded CI machine must not turn a slow loopback answer into a retry
                .config(HOOK + "timeout", "10s")
                .config(HOOK + "retry.strategy", "breaker")
                .config(HOOK + "retry.threshold", "1")
                .config(HOOK + "retry.backoff", "20ms");
    }

    private static Event<Object> events(TestContainer c) {
        return c.weld().getBeanManager().getEvent();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void postsTheEnvelopeWithTheConfiguredHeaders(Mode mode) throws Exception {
        try (TestContainer c = hook(mode).start()) {
            Instant before = Instant.now().minusSeconds(1);
            events(c).fire(new Shipped("p-1", 3));

            WebhookReceiver.Request r = receiver.next();
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/hook");
            assertThat(r.header("Authorization")).isEqualTo("Bearer test-token");
            assertThat(r.header("X-Shop")).isEqualTo("north");
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.body()).matches("\\{\"id\":\"([0-9a-f-]{36})\",\"timestamp\":\"([^\"]+)\",\"type\":\""
                    + Shipped.class.getName().replace("$", "\\$") + "\",\"event\":\\{\"items\":3,\"parcelId\":\"p-1\"}}");
            String id = r.body().substring(7, 43);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
            String ts = r.body().replaceAll(".*\"timestamp\":\"([^\"]+)\".*", "$1");
            assertThat(Instant.parse(ts)).isAfter(before);
        }
        // only the fired event: no container lifecycle event went to the Object observer
        assertThat(receiver.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retriesA503UntilTheReceiverAccepts(Mode mode) throws Exception {
        receiver.answer(503, 503);
        try (TestContainer c = hook(mode, DeadLetters.class).start()) {
            events(c).fire(new Shipped("p-2", 1));

            WebhookReceiver.Request first = receiver.next();
            WebhookReceiver.Request second = receiver.next();
            WebhookReceiver.Request third = receiver.next();
            assertThat(List.of(first.answered(), second.answered(), third.answered())).containsExactly(503, 503, 200);
            assertThat(second.body()).isEqualTo(first.body()); // the same envelope (same id) is resent
            assertThat(third.body()).isEqualTo(first.body());
            SinkwireStats stats = c.get(SinkwireStats.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> stats.of("hook").delivered() == 1);
            SinkStats s = stats.of("hook");
            assertThat(s.retried()).isEqualTo(2);
            assertThat(s.droppedTotal()).isZero();
            assertThat(c.get(DeadLetters.class).letters()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aPermanent4xxBecomesADeadLetterWithTheStatus(Mode mode) throws Exception {
        receiver.answer(422);
        try (TestContainer c = hook(mode, DeadLetters.class)
                .config(HOOK + "events", Shipped.class.getName()).start()) {
            Shipped rejected = new Shipped("p-3", 9);
            events(c).fire(rejected);
            DeadLetters letters = c.get(DeadLetters.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !letters.letters().isEmpty());
            DeadLetter letter = letters.letters().get(0);
            assertThat(letter.event()).isSameAs(rejected);
            assertThat(letter.sink()).isEqualTo("hook");
            assertThat(letter.reason()).isEqualTo(DropReason.GAVE_UP);
            assertThat(letter.cause()).hasMessageContaining("422")
                    .hasMessageContaining("status 422 from the test receiver");
            assertThat(letter.cause().toString()).doesNotContain("test-token");
            // not retried forever: the next event goes through
            events(c).fire(new Shipped("p-4", 1));
            assertThat(receiver.next().answered()).isEqualTo(422);
            assertThat(receiver.next().body()).contains("\"parcelId\":\"p-4\"");
            assertThat(c.get(SinkwireStats.class).of("hook").droppedTotal()).isEqualTo(1);
        }
        assertThat(receiver.requests()).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theApplicationsJsonbBeanWritesTheEvent(Mode mode) throws Exception {
        try (TestContainer c = hook(mode, JsonbProducer.class).start()) {
            events(c).fire(new Shipped("p-5", 2));
            assertThat(receiver.next().body()).endsWith("\"event\":{\"Items\":2,\"ParcelId\":\"p-5\"}}");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void eventsKeySelectsTheEventTypes(Mode mode) throws Exception {
        try (TestContainer c = hook(mode).config(HOOK + "events", Shipped.class.getName()).start()) {
            events(c).fire(new Returned("r-1"));
            events(c).fire("a string");
            events(c).fire(new Shipped("p-6", 1));
            assertThat(receiver.next().body()).contains("\"parcelId\":\"p-6\"");
            // FIFO: had the Returned or the String been taken, it would have arrived first
            assertThat(c.get(SinkwireStats.class).of("hook").accepted()).isEqualTo(1);
        }
        assertThat(receiver.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theExtensionsFilterAppliesToo(Mode mode) throws Exception {
        try (TestContainer c = hook(mode).config(HOOK + "filter.types", Shipped.class.getName()).start()) {
            events(c).fire(new Returned("r-3"));
            events(c).fire(new Shipped("p-11", 1));
            assertThat(receiver.next().body()).contains("\"parcelId\":\"p-11\"");
            // observed as Object (no events key), filtered by the extension before its queue
            assertThat(c.get(SinkwireStats.class).of("hook").accepted()).isEqualTo(1);
        }
        assertThat(receiver.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aSimpleNameInEventsObservesEverythingAndTheSinkFilters(Mode mode) throws Exception {
        try (TestContainer c = hook(mode).config(HOOK + "events", "Shipped").start()) {
            events(c).fire(new Returned("r-2"));
            events(c).fire(new Shipped("p-7", 1));
            assertThat(receiver.next().body()).contains("\"parcelId\":\"p-7\"");
        }
        assertThat(receiver.requests()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutRetryKeysTheDockerRegistryBreakerRetries(Mode mode) throws Exception {
        receiver.answer(503);
        try (TestContainer c = TestContainer.builder(mode).config(HOOK + "type", "http")
                .config(HOOK + "url", receiver.url()).start()) {
            events(c).fire(new Shipped("p-8", 1));
            WebhookReceiver.Request refused = receiver.next();
            WebhookReceiver.Request accepted = receiver.next();
            assertThat(refused.answered()).isEqualTo(503);
            assertThat(accepted.answered()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo(refused.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aBatchedSinkQueuesAndRetriesByItself(Mode mode) throws Exception {
        receiver.answer(503);
        try (TestContainer c = hook(mode).config(HOOK + "batch.size", "3").config(HOOK + "batch.linger", "30s")
                .start()) {
            for (int i = 0; i < 3; i++) {
                events(c).fire(new Shipped("b-" + i, i));
            }
            WebhookReceiver.Request refused = receiver.next();
            WebhookReceiver.Request accepted = receiver.next();
            assertThat(refused.answered()).isEqualTo(503);
            assertThat(accepted.answered()).isEqualTo(200);
            assertThat(accepted.body()).isEqualTo(refused.body()).startsWith("{\"events\":[")
                    .contains("\"parcelId\":\"b-0\"", "\"parcelId\":\"b-1\"", "\"parcelId\":\"b-2\"");
            SinkwireStats stats = c.get(SinkwireStats.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> stats.of("hook").delivered() == 3);
            assertThat(stats.of("hook").retried()).isEqualTo(1); // the strategy the extension gave it is counted
            // the refused request is one failed attempt (it carried the whole batch), reported by the sink
            assertThat(stats.of("hook").failedAttempts()).isEqualTo(1);
            assertThat(stats.of("hook").droppedTotal()).isZero();
        }
        assertThat(receiver.requests()).hasSize(2);
    }

    /*
     * Regression test: a batched webhook (a configured sink that queues by itself) counted an event
     * delivered when it entered the batch, and dropped again when the batch failed, so pending went
     * negative (-12 after stop). The counts must say exactly what happened: each failed event once as
     * dropped, each delivered one once as delivered, the buffered ones as pending, in snapshots taken
     * after each failing batch, after a good one, while events wait in the batch, and after stop.
     */
    private static void expect(SinkStats s, long accepted, long delivered, long dropped, long pending) {
        assertThat(List.of(s.accepted(), s.delivered(), s.droppedTotal(), s.pending())).as("%s", s)
                .containsExactly(accepted, delivered, dropped, pending);
        assertThat(s.accepted()).isEqualTo(s.delivered() + s.droppedTotal() + s.pending());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aFailingBatchCountsEachEventOnceAsDroppedNeverAlsoAsDelivered(Mode mode) throws Exception {
        receiver.answer(500, 500); // two failing batches, then 200
        SinkwireStats stats;
        try (TestContainer c = TestContainer.builder(mode)
                .config(HOOK + "type", "http").config(HOOK + "url", receiver.url())
                .config(HOOK + "events", Shipped.class.getName())
                .config(HOOK + "retry.strategy", "none") // a failed batch is dropped at once
                .config(HOOK + "timeout", "30s") // a slow answer on a loaded machine must not count as a failure
                .config(HOOK + "batch.size", "3").config(HOOK + "batch.linger", "30s").start()) {
            stats = c.get(SinkwireStats.class);
            Event<Object> events = events(c);
            for (int batch = 0; batch < 2; batch++) { // each batch fails: 3 events dropped, none delivered
                for (int i = 0; i < 3; i++) {
                    events.fire(new Shipped("f" + batch + "-" + i, i));
                }
                assertThat(receiver.next().answered()).isEqualTo(500);
                int dropped = 3 * (batch + 1);
                await().atMost(Duration.ofSeconds(10)).until(() -> stats.of("hook").droppedTotal() == dropped);
                expect(stats.of("hook"), dropped, 0, dropped, 0);
                assertThat(stats.of("hook").dropped(DropReason.FAILED)).isEqualTo(dropped);
                assertThat(stats.of("hook").failedAttempts()).isEqualTo(batch + 1); // one failed request per batch
                assertThat(stats.of("hook").retried()).isZero();
            }
            for (int i = 0; i < 3; i++) { // this batch goes through
                events.fire(new Shipped("ok-" + i, i));
            }
            assertThat(receiver.next().answered()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> stats.of("hook").delivered() == 3);
            expect(stats.of("hook"), 9, 3, 6, 0);
            events.fire(new Shipped("late-1", 1)); // buffered: lingering for the rest of a batch
            events.fire(new Shipped("late-2", 2));
            expect(stats.of("hook"), 11, 3, 6, 2);
        }
        // stopping flushed the two buffered events
        expect(stats.of("hook"), 11, 5, 6, 0);
        assertThat(receiver.requests()).hasSize(4);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void theChainIsInjectable(Mode mode) throws Exception {
        try (TestContainer c = hook(mode).start()) {
            Sink<Object> chain = c.get(new TypeLiteral<Sink<Object>>() { }, SinkChain.Literal.of("hook"));
            chain.write(new Shipped("p-9", 4));
            assertThat(receiver.next().body()).contains("\"parcelId\":\"p-9\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aDisabledSinkIsNotBuiltAndSendsNothing(Mode mode) throws Exception {
        try (TestContainer c = TestContainer.builder(mode).config(HOOK + "type", "http")
                .config(HOOK + "enabled", "false").start()) { // no url needed: it is never built
            events(c).fire(new Shipped("p-10", 1));
            assertThat(c.get(SinkwireStats.class).of("hook").accepted()).isZero();
        }
        assertThat(receiver.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void extensionKeysAreCheckedAsForEveryOtherSink(Mode mode) {
        String message = failure(hook(mode).config(HOOK + "async", "sometimes")
                .config(HOOK + "queue.capacity", "-1"));
        assertThat(message).contains("sinkwire.sinks.hook.async=sometimes is not a boolean; allowed: true, false")
                .contains("sinkwire.sinks.hook.queue.capacity=-1");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aKeyForAnUndeclaredSinkNamesTheTypeKey(Mode mode) {
        String message = failure(TestContainer.builder(mode).config("sinkwire.sinks.orphan.url", receiver.url()));
        assertThat(message).contains("configuration key sinkwire.sinks.orphan.url names sink 'orphan', but no"
                + " @EventSink has that name; known sinks: (none); a sink declared in configuration alone needs"
                + " sinkwire.sinks.orphan.type");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void missingUrlFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).config(HOOK + "type", "http"));
        assertThat(message).contains("sinkwire.sinks.hook.url is missing; allowed: an absolute http or https URL");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unknownKeyFailsDeployment(Mode mode) {
        String message = failure(hook(mode).config(HOOK + "colour", "red"));
        assertThat(message).contains("sinkwire.sinks.hook.colour (value not shown): unknown key for an http sink;"
                + " allowed: url, headers., timeout,");
    }

    /** Issue 17: deployment errors name keys, never the secrets planted in their values. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void deploymentErrorsNeverShowSecrets(Mode mode) {
        String message = failure(TestContainer.builder(mode)
                .config(HOOK + "type", "http")
                .config(HOOK + "url", "http://user:PASSWORD-77@127.0.0.1:9/hooks")
                .config(HOOK + "signature.secert", "TYPO-SECRET-88")
                .config(HOOK + "header.Authorization", "Bearer TYPO-TOKEN-99"));
        assertThat(message).contains("sinkwire.sinks.hook.url=http://127.0.0.1:9: URL must not contain user"
                + " information", "sinkwire.sinks.hook.signature.secert (value not shown): unknown key for an http"
                + " sink; did you mean signature.secret?", "sinkwire.sinks.hook.header.Authorization (value not"
                + " shown): unknown key for an http sink; did you mean headers.Authorization?")
                .doesNotContain("PASSWORD-77").doesNotContain("TYPO-SECRET-88").doesNotContain("TYPO-TOKEN-99");
    }

    /** Issue 17: an Object webhook does not send Sinkwire's own DeadLetter events (its own or others'). */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void anObjectWebhookDoesNotSendDeadLetters(Mode mode) throws Exception {
        receiver.answer(422, 200);
        try (TestContainer c = hook(mode, DeadLetters.class).start()) {
            events(c).fire(new Shipped("p-5", 1));
            DeadLetters letters = c.get(DeadLetters.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !letters.letters().isEmpty());
            events(c).fire(new Shipped("p-6", 1));
            assertThat(receiver.next().body()).contains("\"parcelId\":\"p-5\"");
            assertThat(receiver.next().body()).contains("\"parcelId\":\"p-6\"");
        }
        // exactly the two events: no third request carried the dead letter of the first (a status
        // code such as 422 is not searched for in bodies: a random event id may contain it)
        assertThat(receiver.requests()).extracting(WebhookReceiver.Request::body)
                .hasSize(2)
                .noneMatch(body -> body.contains("DeadLetter") || body.contains("GAVE_UP") || body.contains("FAILED"));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unknownTypeFailsDeployment(Mode mode) {
        String message = failure(hook(mode).config(HOOK + "type", "smtp"));
        assertThat(message).contains("sinkwire.sinks.hook.type=smtp is not a sink type; allowed: http");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void typeOnAnEventSinkFailsDeployment(Mode mode) {
        String message = failure(TestContainer.builder(mode).beans(Recorder.class, Fixtures.AuditLog.class)
                .config("sinkwire.sinks.audit.type", "http")
                .config("sinkwire.sinks.audit.url", receiver.url()));
        assertThat(message).contains("sinkwire.sinks.audit.type=http: sink 'audit' is an @EventSink; allowed:");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void ftStrategyFailsDeployment(Mode mode) {
        String message = failure(hook(mode).config(HOOK + "retry.strategy", "ft"));
        assertThat(message).contains("sinkwire.sinks.hook.retry.strategy=ft is no longer a retry strategy: it was"
                + " removed").contains("allowed: none, breaker, exponential");
    }

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
}
