/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sinkwire.durable.CdiFixtures.Jta;
import dev.sinkwire.durable.CdiFixtures.OrdersSink;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad durable-store configuration fails deployment with a message naming the key and what is allowed. */
class CdiBadStoreKeysTest {

    private static final String ORDERS = "sinkwire.sinks.orders.";

    @TempDir
    Path directory;

    /** Starts a container that must fail; returns the deployment error's messages (with causes). */
    private static String failure(CdiContainer.Builder builder) {
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

    private CdiContainer.Builder orders(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(Map.of("store.h2.directory", directory.toString()));
        all.putAll(keys);
        return CdiContainer.builder().beans(OrdersSink.class, Jta.class).sink("orders", all);
    }

    static Stream<Arguments> badKeys() {
        return Stream.of(
                Arguments.of(Map.of("store", "redis"), ORDERS + "store=redis is not a store; allowed: memory"),
                Arguments.of(Map.of("store", "jdbc", "store.batch-size", "0"), ORDERS + "store.batch-size=0 is not"
                        + " positive; allowed: a whole number from 1 to 10000"),
                Arguments.of(Map.of("store", "jdbc", "store.batch-size", "20000"), ORDERS + "store.batch-size=20000"
                        + " is too large"),
                Arguments.of(Map.of("store", "jdbc", "store.lease", "soon"), ORDERS + "store.lease"),
                Arguments.of(Map.of("store", "jdbc", "store.retry.base", "10s", "store.retry.max", "1s"),
                        ORDERS + "store.retry.max=1s is less than " + ORDERS + "store.retry.base=10s"),
                Arguments.of(Map.of("store", "jdbc", "store.claim", "grab"), ORDERS + "store.claim=grab is not a"
                        + " claim mode; allowed: lease, lock"),
                Arguments.of(Map.of("store", "jdbc", "store.schema", "drop"), ORDERS + "store.schema=drop is not a"
                        + " schema mode; allowed: create, validate"),
                Arguments.of(Map.of("store", "jdbc", "store.ordering", "per-key"), ORDERS + "store.ordering=per-key"
                        + " needs a key"),
                Arguments.of(Map.of("store", "jdbc", "async", "true"), ORDERS + "async=true asks for a queue"),
                Arguments.of(Map.of("store", "jdbc", "queue.capacity", "10"), ORDERS + "queue.capacity=10 needs a"
                        + " queue"),
                Arguments.of(Map.of("store.table", "outbox"), ORDERS + "store.table needs a durable store, but "
                        + ORDERS + "store=memory (the default)"),
                Arguments.of(Map.of("store", "jdbc", "store.tabel", "outbox"), "did you mean " + ORDERS
                        + "store.table?"),
                Arguments.of(Map.of("store", "jdbc", "store.table", "bad-name!"), ORDERS + "store.table=bad-name!:"
                        + " durable sink 'orders': table name 'bad-name!' is not allowed"),
                Arguments.of(Map.of("store", "jdbc", "store.datasource", "nope"), ORDERS + "store.datasource=nope"
                        + " names no DataSource bean"),
                Arguments.of(Map.of("store", "jdbc", "store.datasource", "java:comp/env/jdbc/none"), ORDERS
                        + "store.datasource=java:comp/env/jdbc/none does not resolve in JNDI"),
                Arguments.of(Map.of("store", "jdbc", "store.key", "nobody"), ORDERS + "store.key=nobody names no"
                        + " bean"),
                Arguments.of(Map.of("store", "jdbc", "store.schema", "validate", "store.table", "never_created"),
                        "table never_created is missing or lacks columns"));
    }

    @ParameterizedTest
    @MethodSource("badKeys")
    void failsDeploymentNamingTheKey(Map<String, String> keys, String expected) {
        assertThat(failure(orders(keys))).contains(expected);
    }

    @Test
    void aJdbcUrlAsTheDataSourceIsNamedButNotShown() {
        // a JDBC URL where a JNDI or bean name belongs, as Quarkus' quarkus.datasource.jdbc.url would take it
        String secret = "TopSecret-4711";
        String messages = failure(orders(Map.of("store", "jdbc", "store.datasource",
                "jdbc:postgresql://db.example.com/orders?user=app&password=" + secret)));
        assertThat(messages).doesNotContain(secret).contains(ORDERS + "store.datasource (value not shown) is a JDBC URL"
                + " or holds credentials; allowed: the JNDI name of a DataSource");
        String userInfo = failure(orders(Map.of("store", "jdbc", "store.datasource",
                "ldap://app:" + secret + "@directory.example.com/cn=orders")));
        assertThat(userInfo).doesNotContain(secret).contains(ORDERS + "store.datasource (value not shown)");
        // a name that merely contains the word is a name: looked up and shown
        String named = failure(orders(Map.of("store", "jdbc", "store.datasource", "java:app/jdbc/passwordResets")));
        assertThat(named).contains(ORDERS + "store.datasource=java:app/jdbc/passwordResets does not resolve in JNDI")
                .doesNotContain("value not shown");
    }

    @Test
    void theStoreKeysOfEverySinkFailTogether() {
        String messages = failure(orders(Map.of("store", "jdbc", "store.lease", "soon"))
                .beans(OrdersSink.class, Jta.class, CdiFixtures.WidgetsSink.class).sink("widgets", Map.of("store", "jdbc", "store.h2.directory",
                        directory.toString(), "store.clam", "lock")));
        assertThat(messages).contains(ORDERS + "store.lease=soon", "sinkwire.sinks.widgets.store.clam; did you mean"
                + " sinkwire.sinks.widgets.store.claim?");
    }

    @Test
    void aSinkWhoseStoreKeysFailIsClosed() {
        CdiFixtures.ClosingOrdersSink.CLOSED.set(0);
        Map<String, String> keys = Map.of("store", "jdbc", "store.h2.directory", directory.toString(), "store.lease",
                "soon");
        String messages = failure(CdiContainer.builder().beans(CdiFixtures.ClosingOrdersSink.class, Jta.class)
                .sink("orders", keys));
        assertThat(messages).contains(ORDERS + "store.lease=soon");
        assertThat(CdiFixtures.ClosingOrdersSink.CLOSED).as("the sink opened for the failed chain is released")
                .hasValue(1);
    }

    @Test
    void storeJdbcWithoutTheDurableJarNamesTheArtifactToAdd() {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ClassLoader(original) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return name.equals("META-INF/services/dev.sinkwire.cdi.spi.DurableStoreProvider")
                        ? Collections.emptyEnumeration() : super.getResources(name);
            }
        });
        try {
            assertThat(failure(orders(Map.of("store", "jdbc")))).contains(ORDERS + "store=jdbc needs the artifact"
                    + " dev.sinkwire:sinkwire-durable on the class path");
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }
}
