/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Property paths of record keys. */
class KeyPathTest {

    record Address(String city) {
    }

    record Customer(String id, Address address) {
    }

    public static final class Order {
        public final int number;
        private final Customer customer;

        Order(int number, Customer customer) {
            this.number = number;
            this.customer = customer;
        }

        public Customer getCustomer() {
            return customer;
        }

        public boolean isRush() {
            return number > 10;
        }
    }

    @Test
    void readsRecordComponentsGettersAndPublicFields() {
        Order o = new Order(42, new Customer("c-1", new Address("Bern")));
        assertThat(KeyExtractor.ofPath("customer.address.city", Order.class).key(o)).isEqualTo("Bern");
        assertThat(KeyExtractor.ofPath("number", Order.class).key(o)).isEqualTo("42");
        assertThat(KeyExtractor.ofPath("rush", Order.class).key(o)).isEqualTo("true");
        assertThat(KeyExtractor.ofPath("customer.address.city", Order.class).key(new Order(1, new Customer("c", null))))
                .isNull();
    }

    @Test
    void aPathThatDoesNotExistIsRefusedNamingTheClassAndStep() {
        assertThatThrownBy(() -> KeyExtractor.ofPath("customer.email", Order.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(Customer.class.getName() + " has no property 'email'");
        assertThatThrownBy(() -> KeyExtractor.ofPath("customer..id", Order.class))
                .hasMessageContaining("empty step");
    }

    @Test
    void severalClassesUseThePathOfTheirOwnClass() {
        KeyExtractor k = KeyExtractor.ofPath("id", Customer.class, IdHolder.class);
        assertThat(k.key(new Customer("c-9", null))).isEqualTo("c-9");
        assertThat(k.key(new IdHolder("h-1"))).isEqualTo("h-1");
        assertThat(k.key("neither")).isNull();
    }

    record IdHolder(String id) {
    }
}
