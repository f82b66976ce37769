/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.liberty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * An Open Liberty server run by the tests: a server directory under {@code target} (the runtime
 * itself stays unpacked in {@code ~/.cache}, {@code WLP_USER_DIR} points here), started with
 * {@code bin/server run} as a child process on a free port of 127.0.0.1 and stopped with
 * {@code bin/server stop} (Liberty's graceful stop: applications are stopped, CDI contexts
 * destroyed). Not thread-safe: one test class drives it.
 */
final class LibertyServer implements AutoCloseable {
    private static final String NAME = "sinkwire";

    private final Path wlpHome;
    private final Path usrDir;
    private final Path serverDir;
    private final int httpPort;
    private Process process;
    private Thread killOnExit;

    private LibertyServer(Path wlpHome, Path usrDir, int httpPort) {
        this.wlpHome = wlpHome;
        this.usrDir = usrDir;
        this.serverDir = usrDir.resolve("servers").resolve(NAME);
        this.httpPort = httpPort;
    }

    /**
     * Creates the server directory from the system properties the pom sets and starts the server.
     *
     * @param systemProperties JVM system properties of the server ({@code jvm.options})
     * @return the running server
     */
    static LibertyServer start(Map<String, String> systemProperties) throws IOException {
        Path wlpHome = Path.of(required("liberty.wlp.home"));
        if (!Files.isRegularFile(wlpHome.resolve("bin/server"))) {
            throw new IllegalStateException("no Open Liberty runtime in " + wlpHome
                    + " (the pom unpacks io.openliberty:openliberty-runtime there in pre-integration-test)");
        }
        LibertyServer server = new LibertyServer(wlpHome, Path.of(required("liberty.usr.dir")), freePort());
        server.create(systemProperties);
        server.run();
        return server;
    }

    /** @return the application's base URL, for example {@code http://127.0.0.1:40123/app} */
    String appUrl() {
        return "http://127.0.0.1:" + httpPort + "/app";
    }

    /** @return whether the server process is still running */
    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** @return the server's messages.log, or a note that there is none */
    String messages() {
        Path log = serverDir.resolve("logs/messages.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no " + log + ")";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Stops the server with {@code bin/server stop} and waits for its process to end. */
    void stop() throws IOException, InterruptedException {
        if (!isRunning()) {
            return;
        }
        Process stop = command("stop").redirectErrorStream(true)
                .redirectOutput(serverDir.resolve("stop.out").toFile()).start();
        if (!stop.waitFor(2, TimeUnit.MINUTES)) {
            stop.destroyForcibly();
            throw new IllegalStateException("bin/server stop did not return within 2 minutes");
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the server process did not end within 2 minutes of bin/server stop");
        }
    }

    /** Kills whatever is still running (after a failure); a stopped server is left as it is. */
    @Override
    public void close() {
        kill();
        if (killOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already exiting: the hook runs anyway
            }
        }
    }

    private void create(Map<String, String> systemProperties) throws IOException {
        Files.createDirectories(serverDir.resolve("apps"));
        Files.copy(Path.of(required("liberty.server.xml")), serverDir.resolve("server.xml"),
                StandardCopyOption.REPLACE_EXISTING);
        Path war = Path.of(required("liberty.war"));
        Files.copy(war, serverDir.resolve("apps/sinkwire-liberty.war"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(serverDir.resolve("bootstrap.properties"), "sinkwire.http.port=" + httpPort + "\n");
        List<String> options = new ArrayList<>(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        systemProperties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        Files.write(serverDir.resolve("jvm.options"), options);
    }

    private void run() throws IOException {
        /* a fresh log each run, because the readiness check and failure messages read it; the
           previous run's logs (messages.log, ffdc) are kept as logs-1, logs-2, ... for a failure
           that shows only after its server stopped */
        Path logs = serverDir.resolve("logs");
        if (Files.exists(logs)) {
            int n = 1;
            while (Files.exists(serverDir.resolve("logs-" + n))) {
                n++;
            }
            Files.move(logs, serverDir.resolve("logs-" + n));
        }
        process = command("run").redirectErrorStream(true)
                .redirectOutput(serverDir.resolve("console.out").toFile()).start();
        killOnExit = new Thread(this::kill, "kill-liberty");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    private void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private ProcessBuilder command(String action) {
        ProcessBuilder builder = new ProcessBuilder(wlpHome.resolve("bin/server").toString(), action, NAME);
        builder.environment().put("WLP_USER_DIR", usrDir.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("WLP_OUTPUT_DIR");
        return builder;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static String required(String property) {
        return Objects.requireNonNull(System.getProperty(property), "system property " + property + " (set by the pom)");
    }
}
