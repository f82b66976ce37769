/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CloudEvents 1.0 over the HTTP binding, in structured, binary and batched mode, parsed by the
 * CloudEvents SDK ({@code cloudevents-http-basic}, {@code cloudevents-json-jackson}) as a receiver
 * would: every required attribute is present and the data is the event's JSON-B JSON.
 */
class CloudEventsTest {

    private Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookConfig.Builder config(WebhookConfig.Format format) {
        return TestConfigs.base(receiver.url("/ce")).format(format);
    }

    /** The request as the SDK's HTTP reader sees it (single-valued headers). */
    private static CloudEvent parse(Receiver.Request r) {
        Map<String, String> headers = new java.util.HashMap<>();
        r.headers().forEach((k, v) -> headers.put(k, v.get(0)));
        return HttpMessageFactory.createReader(headers, r.body()).toEvent();
    }

    private static void assertRequired(CloudEvent e, String source, String type) {
        assertThat(e.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(e.getId()).isNotBlank();
        assertThat(e.getSource()).isEqualTo(URI.create(source));
        assertThat(e.getType()).isEqualTo(type);
        assertThat(e.getTime()).isNotNull();
        assertThat(e.getDataContentType()).isEqualTo("application/json");
    }

    private static String data(CloudEvent e) {
        return new String(e.getData().toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void structured_mode_is_one_json_event_with_every_required_attribute() throws Exception {
        try (WebhookSink sink = WebhookSink.builder(config(WebhookConfig.Format.CLOUDEVENTS_STRUCTURED).build())
                .name("orders").clock(WebhookSinkTest.CLOCK).build()) {
            sink.write(new WebhookSinkTest.OrderPlaced("A-1", 3));
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("Content-Type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
        assertThat(r.header("ce-id")).isNull();
        CloudEvent e = parse(r);
        assertRequired(e, "/sinkwire/orders", WebhookSinkTest.OrderPlaced.class.getName());
        assertThat(e.getTime()).isEqualTo(OffsetDateTime.parse("2026-11-26T19:24:47.123Z"));
        assertThat(data(e)).isEqualTo("{\"orderId\":\"A-1\",\"quantity\":3}");
        assertThat(r.json().getString("id")).isEqualTo(e.getId());
    }

    @Test
    void binary_mode_puts_the_attributes_in_percent_encoded_ce_headers_and_the_data_in_the_body() throws Exception {
        String type = "order placé \"v1\" 100%";
        WebhookConfig config = config(WebhookConfig.Format.CLOUDEVENTS_BINARY)
                .cloudEventsSource("https://shop.example.com/orders")
                .typeName(WebhookSinkTest.OrderPlaced.class.getName(), type).build();
        try (WebhookSink sink = new WebhookSink(config)) {
            sink.write(new WebhookSinkTest.OrderPlaced("A-2", 1));
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("ce-specversion")).isEqualTo("1.0");
        assertThat(r.header("ce-type")).isEqualTo("order%20plac%C3%A9%20%22v1%22%20100%25");
        assertThat(percentDecode(r.header("ce-type"))).isEqualTo(type);
        assertThat(r.text()).isEqualTo("{\"orderId\":\"A-2\",\"quantity\":1}");
        CloudEvent e = parse(r);
        assertRequired(e, "https://shop.example.com/orders", r.header("ce-type"));
        assertThat(data(e)).isEqualTo(r.text());
    }

    @Test
    void batched_mode_is_a_json_array_of_events_sent_with_the_existing_batching() throws Exception {
        WebhookConfig config = config(WebhookConfig.Format.CLOUDEVENTS_BATCH).batchSize(3)
                .batchLinger(Duration.ofHours(1))
                .typeNaming(WebhookConfig.TypeNaming.SIMPLE).build();
        try (WebhookSink sink = WebhookSink.builder(config).name("audit").build()) {
            sink.write(new WebhookSinkTest.OrderPlaced("A-1", 1));
            sink.write("two");
            sink.write(new WebhookSinkTest.OrderPlaced("A-3", 3));
            sink.flush();
        }
        Receiver.Request r = receiver.take();
        assertThat(r.header("Content-Type")).isEqualTo("application/cloudevents-batch+json; charset=UTF-8");
        JsonNode array = new ObjectMapper().readTree(r.body());
        assertThat(array.isArray()).isTrue();
        List<CloudEvent> events = new ArrayList<>();
        JsonFormat format = new JsonFormat();
        for (JsonNode node : array) {
            events.add(format.deserialize(new ObjectMapper().writeValueAsBytes(node)));
        }
        assertThat(events).hasSize(3);
        assertRequired(events.get(0), "/sinkwire/audit", "OrderPlaced");
        assertRequired(events.get(1), "/sinkwire/audit", "String");
        assertThat(data(events.get(1))).isEqualTo("\"two\"");
        assertThat(data(events.get(2))).isEqualTo("{\"orderId\":\"A-3\",\"quantity\":3}");
        assertThat(events).extracting(CloudEvent::getId).doesNotHaveDuplicates();
    }

    @Test
    void binary_mode_refuses_a_configured_header_that_would_duplicate_an_attribute_header_it_sets() throws Exception {
        for (String name : List.of("ce-source", "CE-Id", "ce-type", "ce-specversion", "ce-time",
                "ce-datacontenttype")) {
            assertThatThrownBy(() -> WebhookConfig.fromMap("sinkwire.sinks.ce.", Map.of("url", "https://e.com",
                    "format", "cloudevents-binary", "headers." + name, "/mine")))
                    .isInstanceOf(WebhookConfigException.class)
                    .hasMessage("sinkwire.sinks.ce.headers." + name + "=(value hidden): is a CloudEvents attribute"
                            + " header that format=cloudevents-binary sets itself; allowed: cloudevents.source for the"
                            + " source, type-names.<class> for the type, another header (an extension attribute"
                            + " such as ce-tenant), or no such header");
        }
        // an extension attribute is fine, and so is any ce- header in the other formats
        WebhookConfig extension = config(WebhookConfig.Format.CLOUDEVENTS_BINARY).header("ce-tenant", "acme").build();
        try (WebhookSink sink = new WebhookSink(extension)) {
            sink.write("x");
        }
        Receiver.Request r = receiver.take();
        assertThat(r.headers().get("ce-source")).hasSize(1);
        assertThat(r.header("ce-tenant")).isEqualTo("acme");
        assertThat(config(WebhookConfig.Format.CLOUDEVENTS_STRUCTURED).header("ce-source", "/x").build()).isNotNull();
    }

    @Test
    void modes_and_batching_must_agree() {
        assertThatThrownBy(() -> config(WebhookConfig.Format.CLOUDEVENTS_BATCH).build())
                .hasMessage("format: needs batching; allowed: set batch.size above 1 as well, or"
                        + " format=cloudevents-structured or cloudevents-binary");
        assertThatThrownBy(() -> config(WebhookConfig.Format.CLOUDEVENTS_BINARY).batchSize(5).build())
                .hasMessage("format: sends one event per request; allowed: format=cloudevents-batch with"
                        + " batch.size above 1, or batch.size=1");
        assertThatThrownBy(() -> WebhookConfig.fromMap("sinkwire.sinks.ce.", Map.of("url", "https://e.com",
                "format", "cloudevents-structured", "content-type", "text/plain")))
                .hasMessage("sinkwire.sinks.ce.content-type=text/plain: applies to format=envelope only (CloudEvents"
                        + " sets its own); allowed: leave content-type unset");
        assertThatThrownBy(() -> WebhookConfig.fromMap("sinkwire.sinks.ce.", Map.of("url", "https://e.com",
                "format", "xml")))
                .hasMessage("sinkwire.sinks.ce.format=xml: unknown value; allowed: envelope, cloudevents-structured,"
                        + " cloudevents-binary, cloudevents-batch");
    }

    private static String percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
