/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import dev.sinkwire.Sink;
import dev.sinkwire.SinkException;
import io.agroal.api.AgroalDataSource;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The process the crash tests kill: a JVM of its own (started by {@link CrashTest} and
 * {@link TwoRelayProcessesTest} with the test class path), with Narayana, Agroal and a durable sink
 * whose relay POSTs to the parent's {@link Receiver}.
 *
 * <p>Mode {@code write}: fires events {@code start..end-1} in JTA transactions of 1-20 events, each
 * with a business row of its own; a random fifth of the transactions roll back (printed as
 * {@code ROLLBACK run n}); a POST that ends in an I/O error instead of an answer is printed as
 * {@code UNACKED id attempt}; then prints {@code FIRED}, waits until the outbox has no row of the sink
 * left and prints {@code DRAINED}. Mode {@code relay}: only relays, until killed.
 */
public final class CrashChild {

    private CrashChild() {
    }

    /**
     * A sink that POSTs each event to the {@link Receiver} at {@code receiver}, as {@code owner};
     * a POST that ends in an I/O error instead of an answer is passed to {@code unacked} as
     * {@code "<id> <attempt>"} (and printed to stderr with the error and how long it took) before
     * the write fails.
     */
    static Sink<DurableEvent<Order>> poster(URI receiver, String owner, Consumer<String> unacked) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new Sink<>() {
            @Override
            public void write(DurableEvent<Order> e) {
                HttpRequest request = HttpRequest.newBuilder(receiver).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(e.id() + " " + e.event().customer().substring(4)
                                + " " + e.event().n() + " " + owner + " " + e.attempt())).build();
                int status;
                long sent = System.nanoTime();
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException ex) {
                    System.err.printf("answer lost: %s attempt %d, %s after %d ms%n", e.id(), e.attempt(), ex,
                            (System.nanoTime() - sent) / 1_000_000);
                    // the receiver may have taken the POST all the same (an answer lost or too late): the relay
                    // delivers it again, as it must; the parent counts that delivery as expected
                    unacked.accept(e.id() + " " + e.attempt());
                    throw new SinkException("receiver unreachable", ex);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new SinkException("interrupted", ex);
                }
                if (status != 200) {
                    throw new SinkException("receiver answered " + status);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Runs the child.
     *
     * @param args mode, JDBC URL, user, outbox table, business table, receiver URL, run, start, end,
     *     owner, lease in milliseconds, batch size, seed, and optionally the {@link Claim} mode (default lease)
     * @throws Exception on any failure (the parent then sees a non-zero exit)
     */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String user = args[2];
        String table = args[3];
        String business = args[4];
        URI receiver = URI.create(args[5]);
        int run = Integer.parseInt(args[6]);
        int start = Integer.parseInt(args[7]);
        int end = Integer.parseInt(args[8]);
        String owner = args[9];
        Duration lease = Duration.ofMillis(Long.parseLong(args[10]));
        int batch = Integer.parseInt(args[11]);
        Random random = new Random(Long.parseLong(args[12]));
        Claim claim = args.length > 13 ? Claim.valueOf(args[13]) : Claim.LEASE;

        TransactionManager tm = Databases.transactionManager();
        AgroalDataSource ds = Databases.pool(url, user, 4, tm, Databases.registry());
        AgroalDataSource relayDs = Databases.pool(url, user, 2);
        Sink<DurableEvent<Order>> post = poster(receiver, owner, u -> System.out.println("UNACKED " + u));
        DurableSink<Order> sink = DurableSink.builder("crash", Order.class, ds).table(table)
                .transactions(JtaTransactions.of(Databases.registry())).relayDataSource(relayDs)
                .key(Order::customer).owner(owner).claim(claim).lease(lease).batchSize(batch)
                .pollInterval(Duration.ofMillis(100)).retries(1_000_000, Duration.ofMillis(5), Duration.ofMillis(50))
                .build(post);

        if (mode.equals("relay")) {
            System.out.println("RELAYING");
            System.out.flush();
            new CountDownLatch(1).await(); // until killed
            return;
        }
        int n = start;
        while (n < end) {
            int size = Math.min(1 + random.nextInt(20), end - n);
            boolean rollback = random.nextInt(5) == 0;
            tm.begin();
            for (int i = 0; i < size; i++, n++) {
                try (Connection c = ds.getConnection();
                        PreparedStatement p = c.prepareStatement("INSERT INTO " + business + " (run, n) VALUES (?, ?)")) {
                    p.setInt(1, run);
                    p.setInt(2, n);
                    p.executeUpdate();
                }
                sink.write(new Order("run-" + run, n));
            }
            if (rollback) {
                tm.rollback();
                StringBuilder lines = new StringBuilder();
                for (int k = n - size; k < n; k++) {
                    lines.append("ROLLBACK ").append(run).append(' ').append(k).append('\n');
                }
                System.out.print(lines);
            } else {
                tm.commit();
            }
        }
        System.out.println("FIRED");
        System.out.flush();
        while (true) {
            long left = DurableSinkTest.rows(relayDs, table, "sink = 'crash'");
            if (left == 0) {
                break;
            }
            // poll the table a few times a second: a child process, not a test; it ends when drained
            new CountDownLatch(1).await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        System.out.println("DRAINED");
        System.out.flush();
        sink.close();
        ds.close();
        relayDs.close();
        System.exit(0);
    }
}
