/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.Sink;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay's database goes away and comes back (H2; the relay's DataSource refuses connections
 * while "down"): the relay carries on without a restart, and a row delivered while the database
 * could not be told is delivered again, never lost.
 */
class RelayOutageTest extends H2Relays {

    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();

    /** Runs before {@link H2Relays#closeSinks()}: the sinks close with their database up. */
    @AfterEach
    void databaseUp() {
        down.set(false);
    }

    /** {@link #h2}, refusing connections while {@link #down}. */
    private DataSource flaky() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        refused.incrementAndGet();
                        throw new SQLException("connection refused (test outage)");
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private DurableSink<Order> started(Claim claim, String table, Sink<DurableEvent<Order>> inner) {
        DurableSink<Order> sink = DurableSink.builder("orders", Order.class, h2).relayDataSource(flaky()).table(table)
                .clock(clock).claim(claim).lease(Duration.ofSeconds(60)).pollInterval(Duration.ofHours(1))
                .closeTimeout(Duration.ofSeconds(20)).build(inner);
        sinks.add(sink);
        return sink;
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void theRelayRecoversWhenTheDatabaseComesBack(Claim claim) {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        DurableSink<Order> sink = started(claim, table, inner);

        down.set(true);
        int before = refused.get();
        sink.write(new Order("a", 1)); // accepted through the application's DataSource; the relay cannot claim it
        await().until(() -> refused.get() > before);
        down.set(false);
        sink.wake();
        await().until(() -> inner.numbers().equals(List.of(1)));
        sink.write(new Order("a", 2));
        await().until(() -> inner.numbers().equals(List.of(1, 2)));
    }

    @Test
    void aRowDeliveredWhileTheDatabaseCannotBeToldIsDeliveredAgainAfterItsLease() throws SQLException {
        String table = Databases.freshTable();
        List<DurableEvent<Order>> delivered = new CopyOnWriteArrayList<>();
        DurableSink<Order> sink = started(Claim.LEASE, table, new Sink<>() {
            @Override
            public void write(DurableEvent<Order> event) {
                delivered.add(event);
                if (delivered.size() == 1) {
                    down.set(true); // the completion after this delivery fails
                }
            }

            @Override
            public void close() {
            }
        });
        int before = refused.get();
        sink.write(new Order("a", 1));
        await().until(() -> refused.get() > before);
        down.set(false);
        assertThat(DurableSinkTest.rows(h2, table, "status = 'PENDING'")).isEqualTo(1); // not lost

        sink.wake(); // still leased to this relay: not delivered again before the lease ends
        sink.write(new Order("a", 2));
        await().until(() -> delivered.size() == 2);
        assertThat(delivered.get(1).event().n()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(61));
        sink.wake();
        await().until(() -> delivered.size() == 3);
        assertThat(delivered.get(2).id()).isEqualTo(delivered.get(0).id()); // the same event, the same id
        await().until(() -> DurableSinkTest.rows(h2, table, "") == 0);
    }

    /** {@link #h2}, whose connections fail to close (after closing) while {@link #down}. */
    private DataSource closeFails() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(h2, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection real = (Connection) result;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                Object r = invoke(real, m, a);
                                if (m.getName().equals("close") && down.get()) {
                                    throw new SQLException("close failed (test)");
                                }
                                return r;
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @ParameterizedTest
    @EnumSource(Claim.class)
    void anEventStoredBeforeItsConnectionFailedToCloseIsAcceptedAndDelivered(Claim claim) throws SQLException {
        String table = Databases.freshTable();
        Recorder inner = new Recorder();
        List<Order> accepted = new CopyOnWriteArrayList<>();
        DurableSink<Order> sink = DurableSink.builder("orders", Order.class, closeFails()).relayDataSource(h2)
                .table(table).clock(clock).claim(claim).pollInterval(Duration.ofHours(1))
                .closeTimeout(Duration.ofSeconds(20)).acceptListener(accepted::add).build(inner);
        sinks.add(sink);

        down.set(true);
        sink.write(new Order("a", 1)); // no exception: the row is committed, so the caller must not write it again
        down.set(false);

        assertThat(accepted).extracting(Order::n).containsExactly(1);
        await().until(() -> inner.numbers().equals(List.of(1))); // woken by the write, not by a poll
        await().until(() -> DurableSinkTest.rows(h2, table, "") == 0);
    }
}
