/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook benchmarks' receiver: a small HTTP/1.1 server on 127.0.0.1 that reads each POST's
 * headers and body and answers {@code 204 No Content}, keeping the connection open. One thread per
 * connection (from a cached pool) blocks in {@code read} and answers in one write, with
 * {@code TCP_NODELAY}: one thread wake-up per request, the least a receiver can cost.
 *
 * <p>Why not the JDK's {@code com.sun.net.httpserver.HttpServer}: per request on a kept-alive
 * connection it wakes its selector thread, hands the exchange to an executor thread, and after the
 * response wakes the selector thread again to register the connection anew before it can see the
 * next request; three wake-ups, each a scheduling delay on a busy two-core machine, which made a
 * loopback request cost about a millisecond with stalls of tens of milliseconds, and buried the
 * microseconds a benchmark row wants to compare.
 *
 * <p>Each request is checked: it must announce its body with {@code Content-Length} (the JDK
 * client does for a byte-array body) and carry {@code header} exactly when {@code present} says
 * so; otherwise the receiver answers {@code 400} and closes the connection, so the sink fails the
 * write and the benchmark stops instead of measuring the wrong thing.
 *
 * <p>Safe for concurrent use; {@link #close()} stops it.
 */
final class LoopbackReceiver implements AutoCloseable {

    private static final byte[] NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final String header;
    private final boolean present;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong answered = new AtomicLong();

    /**
     * Starts a receiver on an ephemeral loopback port.
     *
     * @param header a header name, compared ignoring case
     * @param present whether every request must carry it ({@code false}: none may)
     * @throws IOException if no loopback port can be bound
     */
    LoopbackReceiver(String header, boolean present) throws IOException {
        this.header = header + ":";
        this.present = present;
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "loopback-receiver");
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::accept);
    }

    /** The base URL of the receiver, {@code http://127.0.0.1:<port>}. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many requests were answered {@code 204} so far. */
    long answered() {
        return answered.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            }
        } catch (IOException e) {
            // closed: stop accepting
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            OutputStream out = socket.getOutputStream();
            StringBuilder line = new StringBuilder(256);
            while (readLine(in, line)) { // the request line; end of stream: the client closed
                long length = -1;
                boolean seen = false;
                boolean close = false;
                while (readLine(in, line) && line.length() > 0) {
                    String h = line.toString();
                    if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Long.parseLong(h.substring(15).strip());
                    } else if (h.regionMatches(true, 0, "Connection:", 0, 11)) {
                        close = h.substring(11).strip().equalsIgnoreCase("close");
                    } else if (h.regionMatches(true, 0, header, 0, header.length())) {
                        seen = true;
                    }
                }
                if (length < 0 || seen != present) {
                    out.write(BAD_REQUEST);
                    out.flush();
                    return;
                }
                in.skipNBytes(length);
                answered.incrementAndGet();
                out.write(NO_CONTENT);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (SocketException e) {
            // the client or close() ended the connection
        } catch (IOException | RuntimeException e) {
            System.err.println("loopback receiver: " + e); // visible in the JMH output; the write fails
        } finally {
            open.remove(socket);
        }
    }

    /** Reads one line without its CR LF into {@code line}; {@code false} at the end of the stream. */
    private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return false;
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return true;
    }

    /** Stops accepting, closes every connection and ends the threads. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
