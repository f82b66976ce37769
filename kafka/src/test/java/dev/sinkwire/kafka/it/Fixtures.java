/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka.it;

import dev.sinkwire.DeadLetter;
import dev.sinkwire.EventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Events and beans of the application under test. */
final class Fixtures {

    private Fixtures() {
    }

    /** An event with a key ({@code customer}) and a sequence number per customer. */
    public static final class Order {
        private String customer;
        private int seq;
        private Customer detail;

        public Order() {
        }

        Order(String customer, int seq) {
            this.customer = customer;
            this.seq = seq;
            this.detail = new Customer(customer.toUpperCase(java.util.Locale.ROOT));
        }

        public String getCustomer() {
            return customer;
        }

        public void setCustomer(String customer) {
            this.customer = customer;
        }

        public int getSeq() {
            return seq;
        }

        public void setSeq(int seq) {
            this.seq = seq;
        }

        public Customer getDetail() {
            return detail;
        }

        public void setDetail(Customer detail) {
            this.detail = detail;
        }

        @Override
        public String toString() {
            return customer + "#" + seq;
        }
    }

    /** A nested property, for key paths. */
    public static final class Customer {
        private String id;

        public Customer() {
        }

        Customer(String id) {
            this.id = id;
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }
    }

    /** A qualifier that sources may add. */
    @Qualifier
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
    public @interface Remote {
    }

    /** Records what the application's observers and sinks see. */
    @ApplicationScoped
    public static class Received {
        final List<Order> observed = new CopyOnWriteArrayList<>();
        final List<Order> remote = new CopyOnWriteArrayList<>();
        final List<Order> sunk = new CopyOnWriteArrayList<>();
        final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

        void observe(@Observes Order order) {
            observed.add(order);
        }

        void observeRemote(@Observes @Remote Order order) {
            remote.add(order);
        }

        void deadLetter(@Observes DeadLetter letter) {
            deadLetters.add(letter);
        }

        @EventSink("audit")
        void sink(Order order) {
            sunk.add(order);
        }

        List<Order> observed() {
            return observed;
        }

        List<Order> remote() {
            return remote;
        }

        List<Order> sunk() {
            return sunk;
        }

        List<DeadLetter> deadLetters() {
            return deadLetters;
        }
    }

    /** A bean that only receives dead letters (for producer-side containers). */
    @ApplicationScoped
    public static class Letters {
        final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

        void deadLetter(@Observes DeadLetter letter) {
            deadLetters.add(letter);
        }

        List<DeadLetter> deadLetters() {
            return deadLetters;
        }
    }
}
