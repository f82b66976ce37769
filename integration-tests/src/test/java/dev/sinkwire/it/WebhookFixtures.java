/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/** Events and beans of the config-only webhook tests. */
final class WebhookFixtures {

    private WebhookFixtures() {
    }

    /** An event the webhook sends. Immutable. */
    public static final class Shipped {
        private final String parcelId;
        private final int items;

        /**
         * @param parcelId the parcel
         * @param items how many items
         */
        public Shipped(String parcelId, int items) {
            this.parcelId = parcelId;
            this.items = items;
        }

        /** @return the parcel */
        public String getParcelId() {
            return parcelId;
        }

        /** @return how many items */
        public int getItems() {
            return items;
        }

        @Override
        public String toString() {
            return "Shipped[" + parcelId + "]";
        }
    }

    /** An event the {@code events}-filtered webhook must not send. Immutable. */
    public static final class Returned {
        private final String parcelId;

        /** @param parcelId the parcel */
        public Returned(String parcelId) {
            this.parcelId = parcelId;
        }

        /** @return the parcel */
        public String getParcelId() {
            return parcelId;
        }
    }

    /** The application's own {@code Jsonb}: property names in UpperCamelCase. */
    @ApplicationScoped
    public static class JsonbProducer {
        @Produces
        @ApplicationScoped
        Jsonb jsonb() {
            return JsonbBuilder.create(new JsonbConfig()
                    .withPropertyNamingStrategy(PropertyNamingStrategy.UPPER_CAMEL_CASE));
        }

        void close(@Disposes Jsonb jsonb) throws Exception {
            jsonb.close();
        }
    }
}
