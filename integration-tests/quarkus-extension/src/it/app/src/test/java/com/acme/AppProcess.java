/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application started as a process (the packaged jar, or {@code mvn quarkus:dev}), its output
 * in a log file under target, stopped with SIGTERM (its child processes first).
 */
final class AppProcess implements AutoCloseable {
    final int port;
    final Path log;
    private final Process process;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static AppProcess start(List<String> command, Map<String, String> env, File dir, int port, String logName)
            throws IOException {
        Path log = Path.of(dir.getPath(), "target", logName);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new AppProcess(pb.start(), port, log);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Waits until Quarkus says it listens, failing early (with the log) if the process ends. */
    void awaitStarted(Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the application ended with " + process.exitValue() + ":\n" + output());
            }
            return output().contains("Listening on: http://127.0.0.1:" + port);
        });
    }

    /** Sends SIGTERM to the process, its children first, without waiting. */
    void terminate() {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /**
     * Waits for the process to end after {@link #terminate()} and returns its exit code.
     *
     * @return the exit code
     */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) { // a hang guard only
            close();
            throw new AssertionError("the application did not stop within 120 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /**
     * Stops the process with SIGTERM, children first, and returns its exit code.
     *
     * @return the exit code
     */
    int stop() throws InterruptedException {
        terminate();
        return awaitExit();
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
