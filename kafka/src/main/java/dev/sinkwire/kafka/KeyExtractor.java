/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

/**
 * Computes the Kafka record key of an event, when a property path ({@code key=customer.id}) is not
 * enough. Name the bean's class in {@code sinkwire.sinks.<name>.key-extractor}; the application
 * must have exactly one bean of that type. Records with the same key go to the same partition, so
 * they keep their order.
 *
 * <p>Called from the sink's sender thread, one event at a time; an implementation shared by several
 * sinks is called from several threads and must be safe for concurrent use. A thrown exception is a
 * permanent failure of that event (it is dead-lettered, no request is made).
 */
@FunctionalInterface
public interface KeyExtractor {

    /**
     * The key of one event.
     *
     * @param event the event
     * @return the key (written as UTF-8), or {@code null} for a record without a key
     */
    String key(Object event);

    /**
     * A key read through a property path ({@code customer.id}) from events of the given classes:
     * each step is a record component, a getter or a public field, checked now against every class.
     * An event is read with the path of the first class it is an instance of; an event of none of
     * them, or a {@code null} on the way, gives a {@code null} key.
     *
     * @param path the dotted path
     * @param types the event classes, at least one
     * @return the extractor (immutable, safe for concurrent use)
     * @throws IllegalArgumentException naming the first class and step that does not exist
     */
    static KeyExtractor ofPath(String path, Class<?>... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("name at least one event class");
        }
        KeyPath[] paths = new KeyPath[types.length];
        for (int i = 0; i < types.length; i++) {
            paths[i] = KeyPath.resolve(path, types[i]);
        }
        if (paths.length == 1) {
            return paths[0];
        }
        return new KeyExtractor() {
            @Override
            public String key(Object event) {
                for (int i = 0; i < types.length; i++) {
                    if (types[i].isInstance(event)) {
                        return paths[i].key(event);
                    }
                }
                return null;
            }

            @Override
            public String toString() {
                return paths[0].toString();
            }
        };
    }
}
