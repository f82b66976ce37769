/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable.cdi;

import dev.sinkwire.cdi.spi.DurableStoreContext;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Finds a durable sink's DataSource from {@code store.datasource}: a JNDI name (it contains
 * {@code :} or {@code /}), else the {@code @Named} name or SmallRye {@code @Identifier} of a
 * {@code DataSource} bean; with none
 * given, an embedded H2 file database under {@code store.h2.directory}. Stateless.
 */
final class DataSources {

    private static final String H2 = "org.h2.jdbcx.JdbcDataSource";
    private static final String IDENTIFIER = "io.smallrye.common.annotation.Identifier";

    /**
     * A DataSource found.
     *
     * @param dataSource the DataSource, or {@code null} when a problem was reported
     * @param embedded whether it is the embedded H2 database (never enlisted in a transaction)
     * @param description where it comes from, for messages and the chain line
     */
    record Found(DataSource dataSource, boolean embedded, String description) {
    }

    private DataSources() {
    }

    static Found find(DurableStoreContext context, StoreSettings settings, List<String> problems) {
        String name = settings.dataSource();
        String key = context.prefix() + "store.datasource";
        if (name == null) {
            return embedded(context, settings.directory(), problems);
        }
        String allowed = "; allowed: the JNDI name of a DataSource (java:app/jdbc/orders) or the @Named name of"
                + " exactly one javax.sql.DataSource bean (or its @io.smallrye.common.annotation.Identifier)";
        if (secretLike(name)) { // never looked up, shown or put on the chain line
            problems.add(key + " (value not shown) is a JDBC URL or holds credentials" + allowed
                    + "; configure the URL and credentials on the DataSource itself");
            return new Found(null, false, "store.datasource (value not shown)");
        }
        String description = "store.datasource=" + name;
        if (name.contains(":") || name.contains("/")) {
            try {
                Object found = new InitialContext().lookup(name);
                if (found instanceof DataSource ds) {
                    return new Found(ds, false, description);
                }
                problems.add(key + "=" + name + " names a " + (found == null ? "null" : found.getClass().getName())
                        + " in JNDI, not a javax.sql.DataSource" + allowed);
            } catch (NamingException | RuntimeException e) {
                problems.add(key + "=" + name + " does not resolve in JNDI (" + e + ")" + allowed);
            }
            return new Found(null, false, description);
        }
        Optional<DataSource> bean = context.named(DataSource.class, name).or(() -> identified(context, name));
        if (bean.isEmpty()) {
            problems.add(key + "=" + name + " names no DataSource bean (or more than one)" + allowed);
            return new Found(null, false, description);
        }
        return new Found(bean.get(), false, description);
    }

    /**
     * Whether a {@code store.datasource} value is a JDBC URL ({@code jdbc:...}) or carries
     * credentials (user information {@code user:password@}, a {@code password=} parameter): not a
     * JNDI or bean name, and a value that must not appear in a message.
     */
    private static boolean secretLike(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:") || name.contains("@") || lower.contains("password=");
    }

    /**
     * The one {@code DataSource} bean qualified {@code @io.smallrye.common.annotation.Identifier(name)}
     * (Quarkus, SmallRye), when that annotation is on the class path; resolved through the bean
     * manager with a qualifier instance made here, since the annotation is optional.
     */
    private static Optional<DataSource> identified(DurableStoreContext context, String name) {
        Class<? extends Annotation> type;
        try {
            type = Class.forName(IDENTIFIER, false, DataSources.class.getClassLoader()).asSubclass(Annotation.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        Optional<BeanManager> beans = context.bean(BeanManager.class);
        if (beans.isEmpty()) {
            return Optional.empty();
        }
        BeanManager bm = beans.get();
        try {
            Bean<?> bean = bm.resolve(bm.getBeans(DataSource.class, identifier(type, name)));
            return bean == null ? Optional.empty() : Optional.of((DataSource) bm.getReference(bean, DataSource.class,
                    bm.createCreationalContext(bean)));
        } catch (RuntimeException e) { // ambiguous, or a bean manager that cannot look up here
            return Optional.empty();
        }
    }

    /** An instance of {@code @Identifier(value)}, with the equality and hash code annotations define. */
    private static Annotation identifier(Class<? extends Annotation> type, String value) {
        return (Annotation) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) ->
                switch (m.getName()) {
                    case "value" -> value;
                    case "annotationType" -> type;
                    case "hashCode" -> (127 * "value".hashCode()) ^ value.hashCode();
                    case "equals" -> type.isInstance(args[0]) && value.equals(type.getMethod("value").invoke(args[0]));
                    case "toString" -> "@" + type.getName() + "(\"" + value + "\")";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** The embedded H2 file database, {@code <directory>/sinkwire}, open until the JVM exits. */
    private static Found embedded(DurableStoreContext context, String directory, List<String> problems) {
        Path file = Path.of(directory).toAbsolutePath().normalize().resolve("sinkwire");
        String description = "embedded H2 " + file;
        try {
            Class<?> type = Class.forName(H2, true, DataSources.class.getClassLoader());
            DataSource ds = (DataSource) type.getConstructor().newInstance();
            type.getMethod("setURL", String.class).invoke(ds, "jdbc:h2:file:" + file + ";DB_CLOSE_DELAY=-1");
            type.getMethod("setUser", String.class).invoke(ds, "sa");
            return new Found(ds, true, description);
        } catch (ReflectiveOperationException | LinkageError e) {
            problems.add(context.prefix() + "store.datasource is not set, so sink '" + context.name() + "' needs the"
                    + " embedded H2 database, but com.h2database:h2 is not on the class path (" + e + "); allowed:"
                    + " set store.datasource to a DataSource's JNDI name or bean name, or add com.h2database:h2");
            return new Found(null, true, description);
        }
    }
}
