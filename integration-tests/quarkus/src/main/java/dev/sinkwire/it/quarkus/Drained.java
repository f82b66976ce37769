package dev.sinkwire.it.quarkus;

/** An event the shutdown test leaves queued when the application stops. Immutable, thread-safe. */
public record Drained(String id) {
}
