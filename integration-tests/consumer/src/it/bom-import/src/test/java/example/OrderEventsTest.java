/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sinkwire.Sink;
import dev.sinkwire.core.Broadcaster;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderEventsTest {

    /** Records what it receives; the queue's consumer thread writes, the test reads after close. */
    static final class Recording implements Sink<String> {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile boolean closed;

        @Override
        public void write(String event) {
            events.add(event);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void everyOrderReachesBothSinksInOrderAndCloseDrainsTheQueue() {
        Recording audit = new Recording();
        Recording log = new Recording();
        List<String> orders = IntStream.range(0, 1000).mapToObj(i -> "order-" + i).toList();

        try (OrderEvents events = new OrderEvents(audit, log)) {
            orders.forEach(events::placed);
        }

        assertEquals(orders, audit.events);
        assertEquals(orders, log.events);
        assertTrue(audit.closed, "closing the broadcaster closes the queue, which closes the audit sink");
        assertTrue(log.closed, "closing the broadcaster closes the log sink");
    }

    @Test
    void theSinkwireJarsComeFromThePrivateRepositoryAtTheBomVersion() throws Exception {
        String version = System.getProperty("sinkwire.version");
        Path repository = Path.of(System.getProperty("sinkwire.repository")).toRealPath();
        assertJar(Sink.class.getProtectionDomain().getCodeSource().getLocation().toURI(),
                "sinkwire-api-" + version + ".jar", repository);
        assertJar(Broadcaster.class.getProtectionDomain().getCodeSource().getLocation().toURI(),
                "sinkwire-impl-" + version + ".jar", repository);
        assertJar(jarHolding("META-INF/services/jakarta.enterprise.inject.spi.Extension", "sinkwire-cdi-extension-"),
                "sinkwire-cdi-extension-" + version + ".jar", repository);
        assertJar(jarHolding("META-INF/services/dev.sinkwire.cdi.spi.ConfiguredSinkProvider", "sinkwire-http-"),
                "sinkwire-http-" + version + ".jar", repository);
        assertJar(dev.sinkwire.durable.DurableSink.class.getProtectionDomain().getCodeSource().getLocation().toURI(),
                "sinkwire-durable-" + version + ".jar", repository);
        assertJar(dev.sinkwire.kafka.KafkaSink.class.getProtectionDomain().getCodeSource().getLocation().toURI(),
                "sinkwire-kafka-" + version + ".jar", repository);
        assertJar(Class.forName("dev.sinkwire.metrics.SinkwireMetrics", false, getClass().getClassLoader())
                .getProtectionDomain().getCodeSource().getLocation().toURI(), "sinkwire-metrics-" + version + ".jar",
                repository);
    }

    private static void assertJar(URI location, String jar, Path repository) throws IOException {
        Path file = Path.of(location).toRealPath();
        assertTrue(file.startsWith(repository) && file.getFileName().toString().equals(jar),
                () -> file + " is not " + jar + " in " + repository);
    }

    /** The jar (of the artifact whose file name starts with {@code prefix}) that holds a resource. */
    private static URI jarHolding(String resource, String prefix) throws IOException {
        List<String> urls = Collections.list(OrderEventsTest.class.getClassLoader().getResources(resource))
                .stream().map(URL::toString).toList();
        return urls.stream()
                .filter(url -> url.startsWith("jar:") && url.contains("/" + prefix))
                .map(url -> URI.create(url.substring("jar:".length(), url.indexOf("!/"))))
                .findFirst()
                .orElseThrow(() -> new AssertionError(resource + " is in no " + prefix + "* jar: " + urls));
    }
}
