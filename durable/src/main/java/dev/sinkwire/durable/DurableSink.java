/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.DropListener;
import dev.sinkwire.Sink;
import dev.sinkwire.SinkClosedException;
import dev.sinkwire.core.Timekeeper;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A sink that makes events durable: {@link #write} inserts the event as a row of an outbox table,
 * and a relay thread delivers the rows to the inner sink, at least once.
 *
 * <pre>{@code
 * DurableSink<OrderPlaced> orders = DurableSink.builder("orders", OrderPlaced.class, dataSource)
 *         .transactions(JtaTransactions.of(registry))          // join the caller's JTA transaction
 *         .key(OrderPlaced::orderId).ordering(Ordering.PER_KEY)
 *         .build(DurableEvent.unwrapping(retryingWebhookChain)); // the sink's ordinary chain
 * }</pre>
 *
 * <p><b>Accepting.</b> Inside an active transaction (as reported by {@link Transactions}) the insert
 * goes through the DataSource, which must be enlisted in that transaction, and becomes visible only
 * when it commits: a rollback means the event never existed. The relay is woken right after the
 * commit. Outside a transaction the insert commits before {@code write} returns and the relay is
 * woken at once. {@link #write(Connection, Object)} inserts on a connection of the caller's (plain
 * JDBC transactions); call {@link #wake()} after committing it, or let the poll find the row.
 * An event JSON-B cannot serialize, or a failed insert, throws {@link DurableException} naming the
 * sink; no row is written then.
 *
 * <p><b>Delivering.</b> The relay claims due rows of this sink in batches ({@code SELECT ... FOR
 * UPDATE SKIP LOCKED}), leases them to this instance, writes each to the inner sink as a
 * {@link DurableEvent} carrying the stable id, and deletes (or marks done) the delivered ones. A
 * write that throws is an attempt: the row is retried after an exponential backoff, and after the
 * last attempt it becomes a dead letter, kept in the table ({@link #deadLetters()}) and reported to
 * the {@link DropListener}. Any number of instances may share one table: a row is claimed by one
 * relay at a time, and rows leased by an instance that died are taken over once the lease ran out.
 *
 * <p><b>Not guaranteed.</b> Delivery is at least once: a row delivered but not yet completed when
 * the process dies is delivered again (with the same id). Order is only what {@link Ordering}
 * says. A single inner write longer than half the lease can overlap with another instance's
 * delivery of the same row; bound the inner chain's time (a timeout) well below the lease.
 * {@link #close()} does not deliver the pending rows: they stay in the table for the next start.
 * Durations longer than 36,500 days (a lease, poll interval, retry delay, retention or close timeout
 * meaning "forever") act as 36,500 days.
 *
 * <p>Safe for concurrent use.
 *
 * @param <E> the type of events accepted
 */
public final class DurableSink<E> implements Sink<E> {

    private static final System.Logger LOGGER = System.getLogger(DurableSink.class.getName());

    private final String name;
    private final DataSource dataSource;
    private final OutboxTable table;
    private final Codec<E> codec;
    private final Transactions transactions;
    private final Function<? super E, String> key;
    private final String aggregateType;
    private final Supplier<UUID> ids;
    private final Clock clock;
    private final Relay<E> relay;
    private final Sink<? super DurableEvent<E>> inner;
    private final OutboxDeadLetters deadLetters;
    private final Object wakeKey = new Object();
    private final Consumer<? super E> accepted;
    private final boolean relaying;
    private volatile boolean closed;

    private DurableSink(Builder<E> b, OutboxTable table, Codec<E> codec, Sink<? super DurableEvent<E>> inner,
            boolean relaying) {
        this.relaying = relaying;
        this.name = b.name;
        this.dataSource = b.dataSource;
        this.table = table;
        this.codec = codec;
        this.transactions = b.transactions;
        this.key = b.key;
        this.aggregateType = b.aggregateType == null ? b.name : b.aggregateType;
        this.ids = b.ids;
        this.clock = b.clock;
        this.inner = inner;
        this.accepted = b.accepted;
        DataSource relayDataSource = b.relayDataSource == null ? b.dataSource : b.relayDataSource;
        this.relay = new Relay<>(new Relay.Settings<>(b.name, relayDataSource, table, codec, inner, b.owner,
                b.clock, b.timekeeper, b.batchSize, b.claim, Relay.bounded(b.lease), Relay.bounded(b.pollInterval),
                b.maxAttempts, Relay.bounded(b.retryBase), Relay.bounded(b.retryMax), b.completion, b.ordering,
                Relay.bounded(b.retainDone), b.dropListener, Relay.bounded(b.closeTimeout)), b.threads);
        this.deadLetters = new OutboxDeadLetters(b.name, relayDataSource, table, b.clock, this::wake);
    }

    /**
     * Starts building a durable sink.
     *
     * @param name the sink's name: the {@code sink} column of its rows, and in every message
     * @param eventType the event type; payloads are read back as this type (or the subtype named in
     *     the row, if it is assignable to it)
     * @param dataSource where the outbox table is; in a JTA application, the transaction-enlisted one
     * @param <E> the event type
     * @return a builder with the defaults documented on each setter
     */
    public static <E> Builder<E> builder(String name, Class<E> eventType, DataSource dataSource) {
        return new Builder<>(name, eventType, dataSource);
    }

    /**
     * Accepts {@code event}: inserts its row (joining the caller's transaction, if any) and wakes the
     * relay after the commit.
     *
     * @param event the event
     * @throws NullPointerException if {@code event} is null
     * @throws SinkClosedException if the sink is closed
     * @throws DurableException if the event cannot be serialized or the insert fails; nothing was
     *     written (inside a transaction, the caller decides whether to roll it back)
     */
    @Override
    public void write(E event) {
        Objects.requireNonNull(event, "event");
        checkOpen();
        boolean inTransaction = transactions.active();
        Row row = row(event);
        boolean written = false; // inserted (and committed, outside a transaction): a failing close changes nothing
        try (Connection c = dataSource.getConnection()) {
            if (inTransaction || c.getAutoCommit()) {
                insert(c, row);
            } else {
                try {
                    insert(c, row);
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c, e);
                    throw e;
                }
            }
            written = true;
        } catch (SQLException e) {
            if (!written) {
                throw new DurableException("durable sink '" + name + "': could not insert the event into table "
                        + table.name + ": " + e.getMessage() + "; nothing was written", e);
            }
            LOGGER.log(System.Logger.Level.WARNING, "durable sink '" + name + "': the event is stored, but closing"
                    + " its connection failed: " + e.getMessage(), e);
        }
        if (inTransaction) {
            // one callback per transaction and sink: it reports the transaction's events, then wakes the relay
            transactions.perTransaction(wakeKey, ArrayList<E>::new, this::committed).add(event);
        } else {
            accepted(event);
            wake();
        }
    }

    /** After the commit of a transaction that accepted {@code events}. */
    private void committed(List<E> events) {
        if (accepted != null) {
            events.forEach(this::accepted);
        }
        wake();
    }

    private void accepted(E event) {
        if (accepted == null) {
            return;
        }
        try {
            accepted.accept(event);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "durable sink '" + name + "': the accept listener failed", e);
        }
    }

    /**
     * Accepts {@code event} on the caller's connection and transaction: inserts its row and returns
     * its id, without committing. The row is delivered once the caller commits; call {@link #wake()}
     * after the commit to deliver it at once rather than at the next poll.
     *
     * @param connection the caller's connection to the outbox's database
     * @param event the event
     * @return the event's id
     * @throws NullPointerException if an argument is null
     * @throws SinkClosedException if the sink is closed
     * @throws DurableException if the event cannot be serialized or the insert fails
     */
    public UUID write(Connection connection, E event) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(event, "event");
        checkOpen();
        Row row = row(event);
        try {
            insert(connection, row);
        } catch (SQLException e) {
            throw new DurableException("durable sink '" + name + "': could not insert the event into table "
                    + table.name + ": " + e.getMessage(), e);
        }
        return row.id;
    }

    /** Makes the relay look for work now; cheap, callable from any thread. */
    public void wake() {
        if (relaying) {
            relay.wake();
        }
    }

    /**
     * Delivers the due rows of this sink on the calling thread: runs relay rounds (claim, deliver,
     * complete) until one finds less than a full batch. For applications that drive delivery from
     * their own scheduler (build with a long poll interval) and for measurements. Safe beside the
     * relay thread: rounds never overlap. On an accept-only sink it delivers through nothing and
     * is refused.
     *
     * @return how many rows were claimed (delivered, rescheduled or buried)
     * @throws IllegalStateException on an accept-only sink
     * @throws DurableException if the database fails
     */
    public int deliverDue() {
        if (!relaying) {
            throw new IllegalStateException("durable sink '" + name + "' is accept-only: it has no inner sink");
        }
        try {
            return relay.deliverDue();
        } catch (SQLException e) {
            throw new DurableException("durable sink '" + name + "': a relay round failed in table " + table.name
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dead letters of this sink: list, replay, purge.
     *
     * @return the dead-letter view
     */
    public OutboxDeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * What this sink's table still holds to deliver: its pending rows (due now, backing off or being
     * delivered, by any instance) and how long the oldest has waited since it was stored, by this
     * sink's clock. One short query: for metrics, which cache it, not for every event.
     *
     * @return the backlog now
     * @throws DurableException if the database cannot be read
     */
    public Backlog backlog() {
        try {
            return relay.inTransaction(c -> table.backlog(c, name, clock.instant()));
        } catch (SQLException e) {
            throw new DurableException("durable sink '" + name + "': could not read the backlog in table "
                    + table.name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A durable sink's backlog ({@link #backlog()}). Immutable.
     *
     * @param pending rows still to deliver
     * @param oldestAge how long the oldest of them has waited since it was stored; zero when there is none
     */
    public record Backlog(long pending, Duration oldestAge) {
    }

    /**
     * The sink's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Stops accepting, stops the relay (the delivery in progress ends and is completed; the rest of
     * its batch is released for other instances), then closes the inner sink. Rows not yet delivered
     * stay in the table and are delivered after the next start, by this or another instance.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (relaying) {
            relay.close();
            inner.close();
        }
    }

    @Override
    public String toString() {
        return "DurableSink[" + name + ", table=" + table.name + " (" + table.dialect + "), -> " + inner + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new SinkClosedException("durable sink '" + name + "' is closed");
        }
    }

    private record Row(UUID id, String key, String type, String payload) {
    }

    private Row row(E event) {
        String payload = codec.write(event);
        UUID id = ids.get();
        String k = null;
        if (key != null) {
            try {
                k = key.apply(event);
            } catch (RuntimeException e) {
                throw new DurableException("durable sink '" + name + "': the key function failed on an event of "
                        + event.getClass().getName() + "; nothing was written", e);
            }
        }
        return new Row(id, k == null ? id.toString() : k, codec.typeName(event), payload);
    }

    private void insert(Connection c, Row row) throws SQLException {
        table.insert(c, row.id, aggregateType, row.key, row.type, row.payload, name, clock.instant());
    }

    private static void rollbackQuietly(Connection c, Exception e) {
        try {
            c.rollback();
        } catch (SQLException r) {
            e.addSuppressed(r);
        }
    }

    /**
     * Settings of a {@link DurableSink}, checked when set; {@link #build} connects to the database,
     * creates or checks the table, and starts the relay. Not thread-safe: build on one thread.
     *
     * @param <E> the event type
     */
    public static final class Builder<E> {
        private final String name;
        private final Class<E> eventType;
        private final DataSource dataSource;
        private DataSource relayDataSource;
        private final Map<String, Class<? extends E>> subtypes = new HashMap<>();
        private Transactions transactions = Transactions.none();
        private String tableName = OutboxTable.DEFAULT_NAME;
        private SchemaMode schema = SchemaMode.CREATE;
        private Jsonb jsonb;
        private Function<? super E, String> key;
        private String aggregateType;
        private Ordering ordering = Ordering.NONE;
        private Completion completion = Completion.DELETE;
        private Duration retainDone = Duration.ofDays(1);
        private int batchSize = 100;
        private Claim claim = Claim.LEASE;
        private Duration lease = Duration.ofSeconds(60);
        private Duration pollInterval = Duration.ofSeconds(1);
        private int maxAttempts = 10;
        private Duration retryBase = Duration.ofSeconds(1);
        private Duration retryMax = Duration.ofMinutes(5);
        private DropListener dropListener = DropListener.logging();
        private Supplier<UUID> ids = UUID::randomUUID;
        private Clock clock = Clock.systemUTC();
        private Timekeeper timekeeper = Timekeeper.system();
        private ThreadFactory threads;
        private String owner;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private Consumer<? super E> accepted;

        private Builder(String name, Class<E> eventType, DataSource dataSource) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a durable sink needs a name (was " + (name == null ? "null" : "blank")
                        + ")");
            }
            this.name = name;
            this.eventType = Objects.requireNonNull(eventType, "durable sink '" + name + "': eventType");
            if (dataSource == null) {
                throw new IllegalArgumentException("durable sink '" + name + "' has no DataSource; give it the"
                        + " application's (transaction-enlisted) DataSource holding the outbox table");
            }
            this.dataSource = dataSource;
        }

        /**
         * How the sink sees the caller's transaction; default {@link Transactions#none()} (every
         * insert commits on its own). Use {@link JtaTransactions} under JTA.
         *
         * @param transactions the transactions view
         * @return this builder
         */
        public Builder<E> transactions(Transactions transactions) {
            this.transactions = Objects.requireNonNull(transactions, "transactions");
            return this;
        }

        /**
         * A separate DataSource for the relay's own short transactions (claim, complete); default the
         * sink's DataSource. Useful when that one is JTA-enlisted and refuses local transactions.
         *
         * @param relayDataSource a non-enlisted DataSource on the same database
         * @return this builder
         */
        public Builder<E> relayDataSource(DataSource relayDataSource) {
            this.relayDataSource = Objects.requireNonNull(relayDataSource, "relayDataSource");
            return this;
        }

        /**
         * The outbox table; default {@code sinkwire_outbox}. One table may serve many sinks.
         *
         * @param table an SQL identifier, optionally schema-qualified ({@code app.outbox})
         * @return this builder
         * @throws IllegalArgumentException if it is not such an identifier
         */
        public Builder<E> table(String table) {
            if (!OutboxTable.validName(table)) {
                throw new IllegalArgumentException("durable sink '" + name + "': table name '" + table + "' is not"
                        + " allowed; allowed: letters, digits and '_', not starting with a digit, at most 63"
                        + " characters, optionally 'schema.table'");
            }
            this.tableName = table;
            return this;
        }

        /**
         * Whether {@link #build} creates the table; default {@link SchemaMode#CREATE}.
         *
         * @param schema the mode
         * @return this builder
         */
        public Builder<E> schema(SchemaMode schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * The JSON-B instance for payloads; default {@code JsonbBuilder.create()} at build.
         *
         * @param jsonb the instance (the sink does not close it)
         * @return this builder
         */
        public Builder<E> jsonb(Jsonb jsonb) {
            this.jsonb = Objects.requireNonNull(jsonb, "jsonb");
            return this;
        }

        /**
         * Registers a subtype of the event type whose rows may be read back as it (the row's
         * {@code type} column names the event's class). Unregistered subtypes are loaded by name
         * through the event type's class loader.
         *
         * @param subtype the subtype
         * @return this builder
         */
        public Builder<E> subtype(Class<? extends E> subtype) {
            Objects.requireNonNull(subtype, "subtype");
            subtypes.put(subtype.getName(), subtype);
            return this;
        }

        /**
         * The key of an event: its row's {@code aggregateid} (Debezium's message key), and what
         * {@link Ordering#PER_KEY} orders by. Default: none (the event id is used).
         *
         * @param key the key function; must not return null for ordered sinks
         * @return this builder
         */
        public Builder<E> key(Function<? super E, String> key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * The {@code aggregatetype} column (Debezium routes by it); default the sink's name.
         *
         * @param aggregateType the value
         * @return this builder
         */
        public Builder<E> aggregateType(String aggregateType) {
            this.aggregateType = Objects.requireNonNull(aggregateType, "aggregateType");
            return this;
        }

        /**
         * The order kept; default {@link Ordering#NONE}. {@link Ordering#PER_KEY} needs {@link #key}.
         *
         * @param ordering the order
         * @return this builder
         */
        public Builder<E> ordering(Ordering ordering) {
            this.ordering = Objects.requireNonNull(ordering, "ordering");
            return this;
        }

        /**
         * What happens to a delivered row; default {@link Completion#DELETE}.
         *
         * @param completion delete, or mark done and purge after {@code retainDone}
         * @param retainDone how long done rows are kept (only for {@link Completion#MARK_DONE})
         * @return this builder
         */
        public Builder<E> completion(Completion completion, Duration retainDone) {
            this.completion = Objects.requireNonNull(completion, "completion");
            this.retainDone = positive("retainDone", retainDone);
            return this;
        }

        /**
         * Rows claimed per round; default 100.
         *
         * @param batchSize at least 1, at most 10,000
         * @return this builder
         */
        public Builder<E> batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("durable sink '" + name + "': batchSize " + batchSize
                        + " is not allowed; allowed: 1 to 10000");
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * How the relay keeps a batch's rows to itself while it delivers them; default
         * {@link Claim#LEASE}. See {@link Claim} for the trade-offs.
         *
         * @param claim the claim mode
         * @return this builder
         */
        public Builder<E> claim(Claim claim) {
            this.claim = Objects.requireNonNull(claim, "claim");
            return this;
        }

        /**
         * How long a claim lasts before another instance may take the rows over; default 60 s. The
         * relay renews it while it works through a batch; keep single deliveries well below half.
         * Not used with {@link Claim#LOCK}.
         *
         * @param lease a positive duration
         * @return this builder
         */
        public Builder<E> lease(Duration lease) {
            this.lease = positive("lease", lease);
            return this;
        }

        /**
         * How often the relay looks for rows without being woken (retries due, rows of instances that
         * died, rows committed through plain JDBC); default 1 s.
         *
         * @param pollInterval a positive duration
         * @return this builder
         */
        public Builder<E> pollInterval(Duration pollInterval) {
            this.pollInterval = positive("pollInterval", pollInterval);
            return this;
        }

        /**
         * Delivery attempts before a row becomes a dead letter, and the backoff between them
         * ({@code base·2^(n-1)}, capped at {@code max}); default 10, 1 s, 5 min.
         *
         * @param maxAttempts at least 1
         * @param base the first delay, positive
         * @param max the longest delay, at least {@code base}
         * @return this builder
         */
        public Builder<E> retries(int maxAttempts, Duration base, Duration max) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("durable sink '" + name + "': maxAttempts " + maxAttempts
                        + " is not allowed; allowed: 1 or more");
            }
            positive("retry base", base);
            positive("retry max", max);
            if (max.compareTo(base) < 0) {
                throw new IllegalArgumentException("durable sink '" + name + "': retry max " + max
                        + " is shorter than retry base " + base);
            }
            this.maxAttempts = maxAttempts;
            this.retryBase = base;
            this.retryMax = max;
            return this;
        }

        /**
         * Where dead letters are reported (the event is the {@link DurableEvent}, or the raw payload
         * when it could not be decoded); default {@link DropListener#logging()}.
         *
         * @param dropListener the listener
         * @return this builder
         */
        public Builder<E> dropListener(DropListener dropListener) {
            this.dropListener = Objects.requireNonNull(dropListener, "dropListener");
            return this;
        }

        /**
         * The instance's name in the {@code lease_owner} column; default host, process id and a
         * random suffix. Must differ between instances sharing a table.
         *
         * @param owner the name
         * @return this builder
         */
        public Builder<E> owner(String owner) {
            if (owner == null || owner.isBlank() || owner.length() > 255) {
                throw new IllegalArgumentException("durable sink '" + name + "': owner must be 1 to 255 characters");
            }
            this.owner = owner;
            return this;
        }

        /**
         * The relay's thread factory; default a daemon thread named {@code sinkwire-durable-<name>}.
         *
         * @param threads the factory (the CDI layer passes the container's managed one)
         * @return this builder
         */
        public Builder<E> threadFactory(ThreadFactory threads) {
            this.threads = Objects.requireNonNull(threads, "threads");
            return this;
        }

        /**
         * The event id generator; default {@link UUID#randomUUID()}.
         *
         * @param ids called once per accepted event
         * @return this builder
         */
        public Builder<E> ids(Supplier<UUID> ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /**
         * Wall-clock time written to the table (attempt times, leases): shared by every instance,
         * so their clocks must agree to well within the lease. Default the UTC system clock.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder<E> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The relay's waits (poll interval, close timeout); default {@link Timekeeper#system()}.
         *
         * @param timekeeper the timekeeper
         * @return this builder
         */
        public Builder<E> timekeeper(Timekeeper timekeeper) {
            this.timekeeper = Objects.requireNonNull(timekeeper, "timekeeper");
            return this;
        }

        /**
         * Who is told of each event {@link DurableSink#write(Object)} accepted, once its row is
         * committed: at once outside a transaction, after the commit inside one (never after a
         * rollback). Not called for {@link DurableSink#write(java.sql.Connection, Object)}. The CDI
         * extension counts accepted events with it. Default: nobody.
         *
         * @param accepted the listener; it must not block, and its failures are logged
         * @return this builder
         */
        public Builder<E> acceptListener(Consumer<? super E> accepted) {
            this.accepted = Objects.requireNonNull(accepted, "accepted");
            return this;
        }

        /**
         * How long {@link DurableSink#close()} waits for the relay to finish its current delivery
         * before interrupting it, and then once more before it goes on without the relay (a write
         * that ignores interruption) and closes the inner sink; default 30 s.
         *
         * @param closeTimeout a positive duration
         * @return this builder
         */
        public Builder<E> closeTimeout(Duration closeTimeout) {
            this.closeTimeout = positive("closeTimeout", closeTimeout);
            return this;
        }

        /**
         * Checks the database (a connection, a supported product, the table: created or checked per
         * {@link #schema}) and the JSON-B provider, then starts the relay towards {@code inner}.
         *
         * @param inner where the relay delivers: the sink's ordinary chain, taking
         *     {@link DurableEvent}s (wrap a sink of plain events with {@link DurableEvent#unwrapping})
         * @return the running sink
         * @throws DurableException naming the sink and the cause when the database, the table or
         *     JSON-B is not usable
         */
        public DurableSink<E> build(Sink<? super DurableEvent<E>> inner) {
            Objects.requireNonNull(inner, "inner");
            DurableSink<E> sink = create(inner, true);
            sink.relay.start();
            return sink;
        }

        /**
         * Checks like {@link #build} but starts no relay: the sink only accepts (an instance that
         * writes while others relay, or a tool that fills the outbox). Its rows are delivered by the
         * relays of other instances of the same sink name on the same table.
         *
         * @return the accepting sink
         * @throws DurableException naming the sink and the cause when the database, the table or
         *     JSON-B is not usable
         */
        public DurableSink<E> buildAcceptOnly() {
            return create(new Sink<DurableEvent<E>>() {
                @Override
                public void write(DurableEvent<E> event) {
                    throw new IllegalStateException("accept-only durable sink '" + name + "' delivers nothing");
                }

                @Override
                public void close() {
                }
            }, false);
        }

        private DurableSink<E> create(Sink<? super DurableEvent<E>> inner, boolean relaying) {
            if (ordering == Ordering.PER_KEY && key == null) {
                throw new IllegalArgumentException("durable sink '" + name + "': ordering PER_KEY needs a key"
                        + " function (key(...)): events are ordered per key");
            }
            OutboxTable table = prepareTable();
            Jsonb j = jsonb;
            if (j == null) {
                try {
                    j = JsonbBuilder.create();
                } catch (RuntimeException | LinkageError e) {
                    throw new DurableException("durable sink '" + name + "': no JSON-B implementation is available"
                            + " (" + e + "); add one (Yasson) or enable the runtime's JSON-B feature", e);
                }
            }
            if (owner == null) {
                owner = defaultOwner();
            }
            if (threads == null) {
                threads = r -> {
                    Thread t = new Thread(r, "sinkwire-durable-" + name);
                    t.setDaemon(true);
                    return t;
                };
            }
            return new DurableSink<>(this, table, new Codec<>(name, eventType, subtypes, j), inner, relaying);
        }

        private OutboxTable prepareTable() {
            try (Connection c = dataSource.getConnection()) {
                DatabaseMetaData meta = c.getMetaData();
                String product = meta.getDatabaseProductName();
                Dialect dialect = Dialect.of(product);
                if (dialect == null) {
                    throw new DurableException("durable sink '" + name + "': database " + product + " is not"
                            + " supported; supported: PostgreSQL, H2", null);
                }
                OutboxTable table = new OutboxTable(tableName, dialect);
                if (schema == SchemaMode.CREATE) {
                    try {
                        Relay.transaction(dataSource, cc -> {
                            table.create(cc);
                            return null;
                        });
                    } catch (SQLException e) {
                        // another instance may have created it at the same moment: the check decides
                        if (!exists(table)) {
                            throw new DurableException("durable sink '" + name + "': could not create table "
                                    + tableName + " (" + e.getMessage() + ")", e);
                        }
                    }
                }
                try {
                    table.check(c);
                } catch (SQLException e) {
                    throw new DurableException("durable sink '" + name + "': table " + tableName + " is missing or"
                            + " lacks columns (" + e.getMessage() + "); create it with the script "
                            + dialect.scriptPath() + " from sinkwire-durable, or turn schema creation on", e);
                }
                return table;
            } catch (SQLException e) {
                throw new DurableException("durable sink '" + name + "': the DataSource gives no usable connection ("
                        + e.getMessage() + ")", e);
            }
        }

        private boolean exists(OutboxTable table) {
            try (Connection c = dataSource.getConnection()) {
                table.check(c);
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        private Duration positive(String what, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durable sink '" + name + "': " + what + " must be a positive"
                        + " duration, was " + d);
            }
            return d;
        }

        private static String defaultOwner() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown-host";
            }
            String id = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
            return id.length() > 255 ? id.substring(id.length() - 255) : id;
        }
    }
}
