package dev.sinkwire.durable;

/** A test event; JSON-B (Yasson) reads and writes records. */
public record Order(String customer, int n) {
}
