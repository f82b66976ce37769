/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.quarkus;

import dev.sinkwire.EventSink;
import dev.sinkwire.Sink;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The shutdown scenario, active only when {@code it.drain.file} is set (the packaged application
 * started by {@code ShutdownDrainIT}): at startup it fires five {@link Drained} events; the sink
 * holds the first write until Quarkus announces shutdown, so the other four are still queued when
 * the application stops. Every write is appended to the file. Called by one queue thread at a time.
 */
@ApplicationScoped
@EventSink("drain")
public class DrainSink implements Sink<Drained> {
    private final CountDownLatch shuttingDown = new CountDownLatch(1);

    @ConfigProperty(name = "it.drain.file")
    Optional<String> file;

    @Inject
    Event<Drained> events;

    void start(@Observes StartupEvent start) {
        if (file.isPresent()) {
            for (int i = 1; i <= 5; i++) {
                events.fire(new Drained("d" + i));
            }
            append("fired");
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        if (file.isPresent()) {
            append("shutdown");
        }
        shuttingDown.countDown();
    }

    @Override
    public void write(Drained event) {
        if (event.id().equals("d1")) {
            append("holding d1");
            try {
                if (!shuttingDown.await(60, TimeUnit.SECONDS)) {
                    append("never shut down");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                append("interrupted");
            }
        }
        append("delivered " + event.id());
    }

    @Override
    public void close() {
        append("closed");
    }

    private synchronized void append(String line) {
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(file.get()), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
