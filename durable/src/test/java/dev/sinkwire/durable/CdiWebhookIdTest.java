/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A webhook sink declared in configuration alone ({@code type=http}) behind {@code store=jdbc}:
 * its envelope's (or CloudEvent's) {@code id} and its Standard Webhooks {@code webhook-id} header
 * are the outbox row's id, on every failed attempt, and after the application restarts, with no
 * code of the application's involved.
 */
class CdiWebhookIdTest {

    private static final Pattern BODY_ID = Pattern.compile("\"id\":\"([^\"]+)\"");
    private static final Pattern BODY_N = Pattern.compile("\"n\":(\\d+)");

    /** One request the receiver saw: the event's number, the id in its body, its webhook-id header. */
    record Request(int n, String bodyId, String headerId, boolean accepted) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"envelope", "cloudevents-structured"})
    void everyDeliveryOfAnEventCarriesItsOutboxIdAcrossFailuresAndARestart(String format) throws Exception {
        List<Request> requests = new CopyOnWriteArrayList<>();
        AtomicBoolean down = new AtomicBoolean(true);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/hook", exchange -> receive(exchange, requests, down));
        server.start();
        String table = Databases.freshTable();
        CdiFixtures.Jta.KIND.set(Databases.Kind.H2);
        Map<String, String> keys = new HashMap<>(Map.of("type", "http",
                "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "events", Order.class.getName(), "format", format,
                "signature.secret", "whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
                "store", "jdbc", "store.datasource", "ordersDb", "store.table", table));
        keys.putAll(Map.of("store.retry.base", "20ms", "store.retry.max", "50ms", "store.max-attempts", "1000000"));
        CdiContainer.Builder app = CdiContainer.builder().beans(CdiFixtures.Jta.class).sink("hooks", keys);
        Map<Integer, String> rowIds;
        try (AgroalDataSource plain = Databases.pool(Databases.url(Databases.Kind.H2), "sa", 2)) {
            try (CdiContainer first = app.start()) {
                assertThat(first.chainLine("hooks")).contains("DurableStore[").contains("joins JTA transactions");
                for (int n = 1; n <= 5; n++) {
                    first.fire(new Order("c", n));
                }
                // every event refused at least twice before the application stops
                await().atMost(Duration.ofSeconds(60)).until(() -> countsPerEvent(requests).size() == 5
                        && countsPerEvent(requests).values().stream().allMatch(c -> c >= 2));
                rowIds = rowIds(plain, table);
            }
            assertThat(rowIds).as("the outbox rows, undelivered").hasSize(5);
            int refusedBeforeRestart = requests.size();
            down.set(false);
            try (CdiContainer second = app.start()) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> requests.stream().filter(Request::accepted).count() == 5);
                await().until(() -> second.stats("hooks").delivered() == 5);
            }
            assertThat(requests.subList(refusedBeforeRestart, requests.size())).as("after the restart")
                    .extracting(Request::n).contains(1, 2, 3, 4, 5);
            assertThat(rowIds(plain, table)).as("delivered rows are deleted").isEmpty();
        } finally {
            server.stop(0);
        }
        assertThat(rowIds.values()).doesNotHaveDuplicates();
        for (Request r : requests) {
            assertThat(r.bodyId()).as("body id of a request for event " + r.n()).isEqualTo(rowIds.get(r.n()));
            assertThat(r.headerId()).as("webhook-id of a request for event " + r.n()).isEqualTo(rowIds.get(r.n()));
        }
    }

    private static void receive(HttpExchange exchange, List<Request> requests, AtomicBoolean down)
            throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher id = BODY_ID.matcher(body);
        Matcher n = BODY_N.matcher(body);
        boolean accepted = !down.get();
        requests.add(new Request(n.find() ? Integer.parseInt(n.group(1)) : -1, id.find() ? id.group(1) : null,
                exchange.getRequestHeaders().getFirst("webhook-id"), accepted));
        exchange.sendResponseHeaders(accepted ? 204 : 503, -1);
        exchange.close();
    }

    private static Map<Integer, Long> countsPerEvent(List<Request> requests) {
        Map<Integer, Long> counts = new HashMap<>();
        requests.forEach(r -> counts.merge(r.n(), 1L, Long::sum));
        return counts;
    }

    /** The outbox's rows: event number to row id. */
    private static Map<Integer, String> rowIds(AgroalDataSource db, String table) throws Exception {
        Map<Integer, String> ids = new HashMap<>();
        List<String> payloads = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, payload FROM " + table)) {
            while (r.next()) {
                Matcher n = BODY_N.matcher(r.getString(2));
                payloads.add(r.getString(2));
                assertThat(n.find()).as("payload " + r.getString(2)).isTrue();
                ids.put(Integer.parseInt(n.group(1)), r.getObject(1).toString());
            }
        }
        assertThat(ids).as("one row per event: " + payloads).hasSize(payloads.size());
        return ids;
    }
}
