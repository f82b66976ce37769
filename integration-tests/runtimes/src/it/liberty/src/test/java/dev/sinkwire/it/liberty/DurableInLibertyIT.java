/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sinkwire.it.liberty.durable.Booking;
import dev.sinkwire.it.receiver.Receiver;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A durable webhook ({@code store=jdbc}) in a real Open Liberty, with Liberty's own transaction
 * manager and a DataSource defined in its {@code server.xml} ({@code jdbc/bookings}, H2 from the
 * Maven repository), named by JNDI: a {@code @Transactional} business insert and its event commit
 * or roll back together, and only committed events reach the receiver. The WAR (the classes of
 * package {@code durable} and the Sinkwire jars of the test class path) is packed here.
 */
class DurableInLibertyIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Receiver RECEIVER = Receiver.start();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** The Sinkwire jars the application packs (its WEB-INF/lib). */
    private static final List<String> LIBRARIES = List.of("sinkwire-api", "sinkwire-impl", "sinkwire-cdi-extension",
            "sinkwire-http", "sinkwire-durable");
    private static LibertyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path dir = Path.of("target", "liberty-durable").toAbsolutePath();
        Files.createDirectories(dir);
        Path war = war(dir.resolve("durable.war"));
        Path serverXml = dir.resolve("server.xml");
        Files.writeString(serverXml, Files.readString(Path.of("src/test/liberty/durable/server.xml"))
                .replace("@h2.jar@", classPathJar("h2-").toString()));
        // LibertyServer reads the server.xml and the WAR from these properties: set them for this start only
        Map<String, String> previous = new HashMap<>();
        for (Map.Entry<String, String> p : Map.of("liberty.war", war.toString(), "liberty.server.xml",
                serverXml.toString()).entrySet()) {
            previous.put(p.getKey(), System.setProperty(p.getKey(), p.getValue()));
        }
        try {
            server = LibertyServer.start(Map.of("sinkwire.sinks.bookings.url", RECEIVER.url() + "/bookings"));
        } finally {
            previous.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        try {
            if (server != null) {
                server.stop();
                server.close();
            }
        } finally {
            RECEIVER.close();
        }
    }

    @Test
    void aBookingAndItsEventCommitOrRollBackTogether() throws Exception {
        // CWWKT0016I: the application is available, CWWKF0011I: the server is ready (Liberty can log the
        // first before its HTTP port listens: a request between the two is refused); CWWKZ0002E: the
        // application failed to start (Liberty keeps running then)
        String started = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> !server.isRunning() ? "the server process ended"
                        : server.messages().contains("CWWKZ0002E") ? "the application failed to start"
                        : server.messages().contains("CWWKO0221E") ? "the free port was taken before Liberty bound it"
                        : server.messages().contains("CWWKT0016I") && server.messages().contains("CWWKF0011I") ? ""
                        : null, java.util.Objects::nonNull);
        assertThat(started).as("messages.log:%n%s", server.messages()).isEmpty();
        assertThat(server.messages()).as("the chain line in messages.log").contains("store.datasource=jdbc/bookings")
                .contains("joins JTA transactions");

        assertThat(post("id=b1")).isEqualTo(204);
        assertThat(post("id=b2&cancel=true")).as("rolled back").isEqualTo(409);
        assertThat(post("id=b3")).isEqualTo(204);

        await().atMost(PATIENCE).until(() -> RECEIVER.received().size() >= 2);
        await().atMost(PATIENCE).until(() -> get().body().endsWith(";outbox=0"));
        // at least once: a request that timed out on a loaded machine is sent again
        assertThat(RECEIVER.received()).as("messages.log:%n%s", server.messages())
                .containsOnly("/bookings b1", "/bookings b3").contains("/bookings b1", "/bookings b3");
        assertThat(get().body()).isEqualTo("rows=b1,b3;outbox=0");
    }

    private static int post(String query) throws IOException, InterruptedException, URISyntaxException {
        return CLIENT.send(HttpRequest.newBuilder(new URI(server.appUrl() + "/bookings?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static HttpResponse<String> get() throws IOException, InterruptedException, URISyntaxException {
        return CLIENT.send(HttpRequest.newBuilder(new URI(server.appUrl() + "/bookings")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Packs the WAR: the classes of package {@code durable}, beans.xml, the configuration and the Sinkwire jars. */
    private static Path war(Path war) throws Exception {
        Path classes = Path.of(Booking.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String pkg = Booking.class.getPackageName().replace('.', '/');
        String config = String.join("\n",
                "sinkwire.sinks.bookings.type=http",
                "sinkwire.sinks.bookings.events=" + Booking.class.getName(),
                "sinkwire.sinks.bookings.store=jdbc",
                "sinkwire.sinks.bookings.store.datasource=jdbc/bookings",
                "sinkwire.sinks.bookings.timeout=10s",
                "sinkwire.sinks.bookings.store.table=liberty_outbox",
                "sinkwire.sinks.bookings.store.retry.base=50ms",
                "sinkwire.sinks.bookings.store.retry.max=200ms",
                "");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(war))) {
            try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    add(out, "WEB-INF/classes/" + pkg + "/" + f.getFileName(), Files.readAllBytes(f));
                }
            }
            add(out, "WEB-INF/beans.xml", ("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                    + " bean-discovery-mode=\"annotated\"/>").getBytes(StandardCharsets.UTF_8));
            add(out, "WEB-INF/classes/META-INF/microprofile-config.properties", config.getBytes(StandardCharsets.UTF_8));
            for (String library : LIBRARIES) {
                Path jar = classPathJar(library + "-");
                add(out, "WEB-INF/lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        }
        return war;
    }

    private static void add(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        OutputStream o = out;
        o.write(content);
        out.closeEntry();
    }

    /** The jar on the test class path whose file name starts with {@code prefix} followed by a version digit. */
    private static Path classPathJar(String prefix) {
        List<Path> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(".jar") && name.length() > prefix.length()
                    && Character.isDigit(name.charAt(prefix.length()))) {
                found.add(Path.of(entry));
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException("expected one " + prefix + "<version>.jar on the test class path (the pom's"
                    + " dependencies, packaged), found " + found);
        }
        return found.get(0);
    }
}
