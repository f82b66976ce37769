/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import java.util.Locale;

/** The databases the outbox runs on, and what differs between them. */
enum Dialect {
    POSTGRESQL("schema-postgresql.sql", "CAST(? AS jsonb)"),
    H2("schema-h2.sql", "?");

    /** The shipped script, a resource beside this class. */
    final String script;
    /** The SQL expression the payload parameter is inserted as. */
    final String payloadParameter;

    Dialect(String script, String payloadParameter) {
        this.script = script;
        this.payloadParameter = payloadParameter;
    }

    /** The resource path of the script, as documented. */
    String scriptPath() {
        return "dev/sinkwire/durable/" + script;
    }

    /** The dialect of a database product name, or {@code null} when it is not supported. */
    static Dialect of(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (p.equals("h2")) {
            return H2;
        }
        return null;
    }
}
