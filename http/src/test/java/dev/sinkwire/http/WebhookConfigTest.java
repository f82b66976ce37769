/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookConfigTest {

    private static final String P = "sinkwire.sinks.orders.";
    private static final String TOKEN = "Bearer s3cr3t-t0ken-value";
    private static final String SECRET = "hmac-secret-0123456789abcdef";

    interface Shipped {
    }

    static class OrderEvent {
    }

    static final class OrderPlaced extends OrderEvent implements Shipped {
    }

    static final class UserDeleted {
    }

    private static WebhookConfigException problems(Map<String, String> map) {
        return catchThrowableOfType(WebhookConfigException.class, () -> WebhookConfig.fromMap(P, map));
    }

    @Test
    void every_key_is_read_from_the_map() {
        Map<String, String> map = new HashMap<>();
        map.put("url", "https://hooks.example.com/orders?x=1");
        map.put("headers.Authorization", TOKEN);
        map.put("headers.X-Tenant", "acme");
        map.put("timeout", "2500ms");
        map.put("content-type", "application/vnd.acme+json; charset=utf-8");
        map.put("batch.size", "100");
        map.put("batch.linger", "PT0.25S");
        map.put("signature.scheme", "hmac-sha256");
        map.put("signature.secret", SECRET);
        map.put("signature.header", "X-Hub-Signature-256");
        map.put("events", "OrderEvent, com.acme.Other");
        map.put("ignore", "UserDeleted");
        map.put("type-name", "SIMPLE");
        map.put("type-names.dev.sinkwire.http.WebhookConfigTest$OrderPlaced", "order.placed");

        WebhookConfig c = WebhookConfig.fromMap(P, map);

        assertThat(c.url()).hasToString("https://hooks.example.com/orders?x=1");
        assertThat(c.headers()).containsExactlyInAnyOrderEntriesOf(
                Map.of("Authorization", TOKEN, "X-Tenant", "acme"));
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(c.contentType()).isEqualTo("application/vnd.acme+json; charset=utf-8");
        assertThat(c.batchSize()).isEqualTo(100);
        assertThat(c.batchLinger()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.signed()).isTrue();
        assertThat(c.signatureScheme()).isEqualTo(WebhookConfig.SignatureScheme.HMAC_SHA256);
        assertThat(c.signatureHeader()).isEqualTo("X-Hub-Signature-256");
        assertThat(c.events()).containsExactly("OrderEvent", "com.acme.Other");
        assertThat(c.ignore()).containsExactly("UserDeleted");
        assertThat(c.typeNaming()).isEqualTo(WebhookConfig.TypeNaming.SIMPLE);
        assertThat(c.typeName(new OrderPlaced())).isEqualTo("order.placed");
        assertThat(c.typeName(new UserDeleted())).isEqualTo("UserDeleted");
    }

    @Test
    void defaults() {
        WebhookConfig c = WebhookConfig.fromMap(P, Map.of("url", "http://127.0.0.1:8080/"));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.contentType()).isEqualTo("application/json");
        assertThat(c.batchSize()).isEqualTo(1);
        assertThat(c.batchLinger()).isZero();
        assertThat(c.signed()).isFalse();
        assertThat(c.signatureHeader()).isEqualTo("X-Sinkwire-Signature-256");
        assertThat(c.headers()).isEmpty();
        assertThat(c.events()).isEmpty();
        assertThat(c.ignore()).isEmpty();
        assertThat(c.typeName(new OrderPlaced())).isEqualTo(OrderPlaced.class.getName());
    }

    @Test
    void missing_url_is_reported_with_the_full_key() {
        assertThat(problems(Map.of("timeout", "1s")).problems())
                .containsExactly(P + "url is missing; allowed: an absolute http or https URL such as"
                        + " https://hooks.example.com/orders");
    }

    /** A refused URL is shown as its origin only (or not at all): never its credentials, path or fragment. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://example.com/x       | ftp://example.com | URL scheme 'ftp' is not supported",
        "file:///etc/passwd        | (value hidden)    | URL scheme 'file' is not supported",
        "mailto:ops@example.com    | (value hidden)    | URL scheme 'mailto' is not supported",
        "example.com/hook          | (value hidden)    | URL has no scheme",
        "https://                  | (value hidden)    | malformed URL",
        "http:///path              | (value hidden)    | URL has no host",
        "http://exa mple.com/      | (value hidden)    | malformed URL",
        "https://user:pw@example.com/ | https://example.com | must not contain user information",
        "https://example.com/a#frag   | https://example.com | must not have a fragment",
    })
    void bad_urls_are_rejected_with_what_is_allowed(String url, String shown, String expected) {
        WebhookConfigException e = problems(Map.of("url", url));
        assertThat(e.problems()).singleElement().asString()
                .startsWith(P + "url=" + shown + ": ")
                .contains(expected);
        if (!expected.contains("user information")) {
            assertThat(e.getMessage()).contains("allowed: an absolute http or https URL");
        }
    }

    /** Issue 17, defect 1: the refused URLs of the report, shown as their origin only. */
    @Test
    void a_refused_url_never_shows_its_credentials_or_path_token() {
        WebhookConfigException credentials = problems(Map.of("url", "http://user:PASSWORD-77@127.0.0.1:9/hooks"));
        assertThat(credentials.problems()).containsExactly(P + "url=http://127.0.0.1:9: URL must not contain user"
                + " information (credentials); send them in a header such as headers.Authorization instead");
        WebhookConfigException fragment = problems(Map.of("url", "https://127.0.0.1/hooks/PATHTOKEN#fragment"));
        assertThat(fragment.problems()).singleElement().asString()
                .startsWith(P + "url=https://127.0.0.1: URL must not have a fragment");
        assertThat(credentials.getMessage() + fragment.getMessage()).doesNotContain("PASSWORD-77")
                .doesNotContain("PATHTOKEN").doesNotContain("user:");
    }

    /** Issue 17, defect 2: an unknown key is named, its value never shown, the nearest key suggested. */
    @Test
    void an_unknown_key_never_shows_its_value_and_suggests_the_nearest_key() {
        WebhookConfigException e = problems(Map.of("url", "https://e.com",
                "signature.secert", "s3cr3t-typo-value", "header.Authorization", "Bearer tok-typo-value",
                "colour", "red"));
        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(0)).startsWith(P + "colour (value not shown): unknown key for an http sink;"
                + " allowed: url, headers.,");
        assertThat(e.problems().get(1)).startsWith(P + "header.Authorization (value not shown): unknown key for an"
                + " http sink; did you mean headers.Authorization? allowed: url,");
        assertThat(e.problems().get(2)).startsWith(P + "signature.secert (value not shown): unknown key for an"
                + " http sink; did you mean signature.secret? allowed: url,");
        assertThat(e.getMessage()).doesNotContain("s3cr3t-typo-value").doesNotContain("tok-typo-value")
                .doesNotContain("red");
    }

    /** Issue 17, defect 3: the full key, the value as configured, and the "; allowed:" form. */
    @Test
    void cross_key_problems_name_the_full_key_and_the_value_as_configured() {
        assertThat(WebhookConfig.fromMap("sinkwire.sinks.bad.", Map.of("url", "https://e.com")).batchSize())
                .isEqualTo(1);
        WebhookConfigException e = catchThrowableOfType(WebhookConfigException.class, () -> WebhookConfig.fromMap(
                "sinkwire.sinks.bad.", Map.of("url", "https://e.com", "batch.linger", "200ms")));
        assertThat(e.problems()).containsExactly("sinkwire.sinks.bad.batch.linger=200ms: has no effect without"
                + " batching; allowed: set batch.size above 1 as well, or leave batch.linger unset");
        assertThat(problems(Map.of("url", "https://e.com", "batch.size", "20000")).problems())
                .containsExactly(P + "batch.size=20000: batch size 20000 is out of range; allowed: an integer from 1"
                        + " to 10000");
    }

    @Test
    void the_new_keys_are_read_from_the_map() {
        Map<String, String> map = new HashMap<>();
        map.put("url", "https://hooks.example.com/orders");
        map.put("signature.secret", StandardWebhooksTest.SECRET);
        map.put("signature.previous-secret", StandardWebhooksTest.OLD_SECRET);
        map.put("idempotency-header", "Idempotency-Key");
        map.put("format", "cloudevents-batch");
        map.put("cloudevents.source", "https://shop.example.com/orders");
        map.put("batch.size", "50");
        map.put("batch.capacity", "5000");
        map.put("user-agent", "acme/1.0");
        map.put("proxy", "proxy.example.com:3128");
        map.put("max-retry-after", "2m");
        map.put("max-in-flight", "8");
        WebhookConfig c = WebhookConfig.fromMap(P, map);
        assertThat(c.signatureScheme()).isEqualTo(WebhookConfig.SignatureScheme.STANDARD_WEBHOOKS);
        assertThat(c.signatureKeys()).hasSize(2);
        assertThat(c.idempotencyHeader()).isEqualTo("Idempotency-Key");
        assertThat(c.format()).isEqualTo(WebhookConfig.Format.CLOUDEVENTS_BATCH);
        assertThat(c.cloudEventsSource()).isEqualTo("https://shop.example.com/orders");
        assertThat(c.batchCapacity()).isEqualTo(5000);
        assertThat(c.userAgent()).isEqualTo("acme/1.0");
        assertThat(c.proxy().getHostString()).isEqualTo("proxy.example.com");
        assertThat(c.proxy().getPort()).isEqualTo(3128);
        assertThat(c.maxRetryAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.maxInFlight()).isEqualTo(8);
        assertThat(c.toString()).contains("signature=standard-webhooks (2 secrets ****)", "format=cloudevents-batch")
                .doesNotContain("whsec_");
    }

    @Test
    void the_scheme_is_case_insensitive() {
        assertThat(WebhookConfig.builder("HTTPS://example.com/a").build().url())
                .hasToString("https://example.com/a");
    }

    @Test
    void unknown_keys_are_rejected_naming_the_allowed_ones() {
        WebhookConfigException e = problems(Map.of("url", "https://example.com", "timout", "1s"));
        assertThat(e.problems()).singleElement().asString()
                .isEqualTo(P + "timout (value not shown): unknown key for an http sink; did you mean timeout? allowed:"
                        + " url, headers., timeout, content-type, batch.size, batch.linger, batch.capacity,"
                        + " signature.scheme, signature.secret, signature.previous-secret, signature.header,"
                        + " idempotency-header, format, cloudevents.source, user-agent, proxy, tls.trust-store,"
                        + " tls.trust-store-password, tls.trust-store-type, tls.key-store, tls.key-store-password,"
                        + " tls.key-store-type, max-retry-after, max-in-flight, events, ignore, type-name, type-names."
                        + " (entries ending in '.' are followed by a name)");
    }

    @Test
    void every_problem_is_reported_at_once() {
        Map<String, String> map = new HashMap<>();
        map.put("url", "gopher://x");
        map.put("timeout", "0s");
        map.put("batch.size", "0");
        map.put("batch.linger", "-1s");
        map.put("content-type", "json");
        map.put("type-name", "full");
        map.put("events", "A,,B");
        map.put("bogus", "1");
        WebhookConfigException e = problems(map);
        assertThat(e.problems()).hasSize(8);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo(
                P + "timeout=0s: timeout must be positive, was PT0S; allowed: a duration such as 500ms, 1s, 2m, 1h"
                        + " (whole number with unit ms, s, m or h) or ISO-8601 such as PT1S or PT0.5S, greater than"
                        + " zero"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo(
                P + "batch.size=0: batch size 0 is out of range; allowed: an integer from 1 to 10000"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(
                P + "batch.linger=-1s: batch linger must be zero or positive, was PT-1S"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(
                P + "content-type=json: 'json' is not a media type; allowed: type/subtype"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo(
                P + "type-name=full: unknown type naming; allowed: class, simple"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(
                P + "events=A,,B: events has an empty entry"));
        assertThat(e.getMessage()).startsWith("8 problems in webhook configuration: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1 s", "10x", "1.5s", "PT"})
    void bad_durations_name_the_forms_allowed(String value) {
        assertThat(problems(Map.of("url", "https://e.com", "timeout", value)).problems()).singleElement()
                .asString().isEqualTo(P + "timeout=" + value + ": not a duration; allowed: a duration such as"
                        + " 500ms, 1s, 2m, 1h (whole number with unit ms, s, m or h) or ISO-8601 such as PT1S or"
                        + " PT0.5S");
    }

    @Test
    void batch_size_must_be_an_integer() {
        assertThat(problems(Map.of("url", "https://e.com", "batch.size", "ten")).problems()).singleElement()
                .asString().isEqualTo(P + "batch.size=ten: not an integer; allowed: an integer from 1 to 10000");
    }

    @Test
    void bad_header_values_and_short_secrets_are_reported_without_their_value() {
        Map<String, String> map = new HashMap<>();
        map.put("url", "https://e.com");
        map.put("headers.Authorization", "Bearer abc\r\nX-Injected: 1");
        WebhookConfigException e = problems(map);
        assertThat(e.problems()).containsExactly(
                P + "headers.Authorization=(value hidden): the value of header 'Authorization' contains a control"
                        + " character (value hidden); allowed: printable characters, spaces and tabs");
        assertThat(e.getMessage()).doesNotContain("abc");

        WebhookConfigException shortSecret = problems(Map.of("url", "https://e.com", "signature.scheme", "hmac-sha256",
                "signature.secret", "short-s3cret"));
        assertThat(shortSecret.problems()).containsExactly(P + "signature.secret=(value hidden): too short (value"
                + " hidden); allowed: at least 16 characters, such as 32 random hex digits");
        assertThat(shortSecret.getMessage()).doesNotContain("short-s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "content-length", "Content-Type", "Connection", "Upgrade", "Expect"})
    void reserved_headers_are_rejected(String name) {
        assertThat(problems(Map.of("url", "https://e.com", "headers." + name, "x")).problems()).singleElement()
                .asString().contains("header '" + name + "' is set by the sink or refused by the HTTP client");
    }

    @Test
    void invalid_header_names_are_rejected() {
        assertThat(problems(Map.of("url", "https://e.com", "headers.Bad Name", "x")).problems()).singleElement()
                .asString().contains("'Bad Name' is not a valid header name");
    }

    @Test
    void a_header_named_like_the_signature_header_conflicts() {
        Map<String, String> map = Map.of("url", "https://e.com", "signature.secret", SECRET,
                "signature.scheme", "hmac-sha256", "headers.x-sinkwire-signature-256", "forged");
        assertThat(problems(map).problems()).singleElement().asString()
                .isEqualTo(P + "headers.x-sinkwire-signature-256=(value hidden): is also the signature header;"
                        + " allowed: a different signature.header or no such header");
    }

    @Test
    void a_linger_without_batching_is_refused() {
        assertThat(problems(Map.of("url", "https://e.com", "batch.linger", "100ms")).problems()).singleElement()
                .asString().isEqualTo(P + "batch.linger=100ms: has no effect without batching; allowed: set"
                        + " batch.size above 1 as well, or leave batch.linger unset");
        assertThat(WebhookConfig.fromMap(P, Map.of("url", "https://e.com", "batch.linger", "100ms",
                "batch.size", "2")).batchLinger()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void headers_differing_in_case_replace_each_other() {
        WebhookConfig c = WebhookConfig.builder("https://e.com").header("X-Token", "a").header("x-token", "b").build();
        assertThat(c.headers()).containsExactly(Map.entry("x-token", "b"));
    }

    @Test
    void type_names_need_a_class_name() {
        assertThat(problems(Map.of("url", "https://e.com", "type-names.not a class", "x")).problems())
                .singleElement().asString().contains("'not a class' is not a fully-qualified class name");
    }

    @Test
    void to_string_hides_header_values_the_secret_and_the_url_path() {
        WebhookConfig c = WebhookConfig.builder("https://hooks.slack.example/services/T000/B000/XXXXSECRETPATH")
                .header("Authorization", TOKEN).signatureScheme(WebhookConfig.SignatureScheme.HMAC_SHA256)
                .signatureSecret(SECRET).build();
        assertThat(c.toString())
                .contains("https://hooks.slack.example/…", "Authorization=****", "secret ****")
                .doesNotContain(TOKEN).doesNotContain("s3cr3t").doesNotContain(SECRET)
                .doesNotContain("XXXXSECRETPATH");
    }

    @Test
    void matcher_takes_listed_types_by_class_supertype_simple_or_type_name_and_skips_ignored() {
        WebhookConfig byParent = WebhookConfig.builder("https://e.com").events(List.of("OrderEvent")).build();
        assertThat(byParent.matcher().match(new OrderPlaced())).isTrue();
        assertThat(byParent.matcher().match(new UserDeleted())).isFalse();

        WebhookConfig byInterface = WebhookConfig.builder("https://e.com")
                .events(List.of(Shipped.class.getName())).build();
        assertThat(byInterface.matcher().match(new OrderPlaced())).isTrue();
        assertThat(byInterface.matcher().match(new OrderEvent())).isFalse();

        WebhookConfig byAlias = WebhookConfig.builder("https://e.com")
                .typeName(UserDeleted.class.getName(), "user.deleted").events(List.of("user.deleted")).build();
        assertThat(byAlias.matcher().match(new UserDeleted())).isTrue();
        assertThat(byAlias.matcher().match(new OrderPlaced())).isFalse();

        WebhookConfig ignoring = WebhookConfig.builder("https://e.com").ignore(List.of("Shipped")).build();
        assertThat(ignoring.matcher().match(new OrderPlaced())).isFalse();
        assertThat(ignoring.matcher().match(new UserDeleted())).isTrue();
        assertThat(ignoring.matcher().match("a string")).isTrue();

        WebhookConfig everything = WebhookConfig.builder("https://e.com").build();
        assertThat(everything.matcher().match(new Object())).isTrue();
    }

    @Test
    void builder_arguments_are_checked() {
        assertThatThrownBy(() -> WebhookConfig.builder(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("url must not be null");
        assertThatThrownBy(() -> WebhookConfig.builder(" ")).hasMessageStartingWith("url is empty");
        assertThatThrownBy(() -> WebhookConfig.builder("https://e.com").batchSize(10_001))
                .hasMessage("batch size 10001 is out of range; allowed: an integer from 1 to 10000");
        assertThatThrownBy(() -> WebhookConfig.builder("https://e.com").timeout(Duration.ofSeconds(-1)))
                .hasMessageStartingWith("timeout must be positive, was PT-1S");
        assertThatThrownBy(() -> WebhookConfig.fromMap(P, Map.of("url", "https://e.com", "timeout", "1s"))
                .headers().put("a", "b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
