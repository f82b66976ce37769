package dev.sinkwire.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoRunTest {

    @Test
    void smallRunThroughFailureStallAndRecoveryLosesNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        DemoRun run = new DemoRun(new DemoRun.Options(3, 200, Duration.ofMillis(400), Duration.ofMillis(400),
                Duration.ofMillis(400), Duration.ofSeconds(40)), out);

        DemoRun.Result result = run.run();
        run.printTable(result);

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(result.problems()).as(text).isEmpty();
        assertThat(result.fired()).isEqualTo(600);
        assertThat(result.stats()).containsOnlyKeys("webhook", "audit", "big-orders");
        assertThat(result.stats().get("webhook").delivered()).isEqualTo(600);
        assertThat(result.stats().get("audit").delivered()).isEqualTo(600);
        assertThat(result.stats().get("webhook").retried()).as(text).isPositive();
        assertThat(result.receiverUnique()).isEqualTo(600);
        assertThat(result.receiverRefused()).as(text).isPositive();
        assertThat(text).contains("receiver answers 503", "receiver stalls", "receiver recovered",
                "VERDICT: OK");
        assertThat(System.getProperty(DemoRun.WEBHOOK_URL)).as("the run's URL is cleared").isNull();
    }

    @Test
    void theWebhookIsDeclaredInConfigurationAlone() throws Exception {
        // no Java sink class for it: the demo's beans are the audit log, the big-orders sink and its matcher
        assertThat(getClass().getClassLoader().getResource("dev/sinkwire/demo/WebhookForwarder.class")).isNull();
        java.util.Properties p = new java.util.Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("META-INF/microprofile-config.properties")) {
            p.load(in);
        }
        assertThat(p).containsEntry("sinkwire.sinks.webhook.type", "http")
                .containsEntry("sinkwire.sinks.webhook.events", OrderEvent.class.getName());
    }
}
