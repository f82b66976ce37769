/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import dev.sinkwire.cdi.SinkChain;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code @QuarkusTest}, the library consumed as installed jars: a webhook with {@code store=jdbc} on
 * Quarkus's own DataSource (Agroal, H2) and transaction manager (Narayana). A {@code @Transactional}
 * business insert and its event commit together and the event is delivered (at least once, always
 * with one id, in the envelope and the {@code webhook-id} header); when the method throws after
 * firing, neither the business row nor the event exists, and nothing is delivered.
 */
@QuarkusTest
@QuarkusTestResource(WebhookReceiver.class)
class DurableWebhookTest {

    @Inject
    Orders orders;

    @Inject
    AgroalDataSource db;

    @Inject
    @SinkChain("webhook")
    Sink<Order> chain;

    @Test
    void theBusinessRowAndTheEventCommitOrRollBackTogether() throws Exception {
        assertThat(chain.toString()).contains("DurableStore[").contains("store.datasource=ordersDb")
                .contains("joins JTA transactions");

        orders.place("o-1", false);
        assertThatThrownBy(() -> orders.place("o-2", true)).hasMessageContaining("payment declined for o-2");
        orders.place("o-3", false);

        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT COUNT(*) FROM sinkwire_outbox") == 0);
        List<WebhookReceiver.Request> requests = List.copyOf(WebhookReceiver.REQUESTS);
        // at least once: a request that timed out on a loaded machine is sent again, with the same id
        assertThat(requests).extracting(r -> r.body().replaceAll(".*\"event\":", "")).containsOnly(
                "{\"id\":\"o-1\"}}", "{\"id\":\"o-3\"}}");
        // the envelope's id and the Standard Webhooks header carry one id per event: the outbox row's
        assertThat(requests).allSatisfy(r -> assertThat(r.body()).startsWith("{\"id\":\"" + r.webhookId() + "\""));
        assertThat(requests.stream().collect(Collectors.groupingBy(r -> r.body().replaceAll(".*\"event\":", ""),
                Collectors.mapping(WebhookReceiver.Request::webhookId, Collectors.toSet()))))
                .hasSize(2).allSatisfy((event, ids) -> assertThat(ids).hasSize(1));
        assertThat(businessRows()).containsExactlyInAnyOrder("o-1", "o-3");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<String> businessRows() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM orders")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
