/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.benchmarks.http;

import java.io.EOFException;
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
            Input in = new Input(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            StringBuilder line = new StringBuilder(256);
            while (in.readLine(line)) { // the request line; end of stream: the client closed
                long length = -1;
                boolean seen = false;
                boolean close = false;
                while (in.readLine(line) && line.length() > 0) {
                    if (startsWith(line, "Content-Length:")) {
                        length = Long.parseLong(line.substring(15).strip());
                    } else if (startsWith(line, "Connection:")) {
                        close = line.substring(11).strip().equalsIgnoreCase("close");
                    } else if (startsWith(line, header)) {
                        seen = true;
                    }
                }
                if (length < 0 || seen != present) {
                    out.write(BAD_REQUEST);
                    out.flush();
                    return;
                }
                in.skip(length);
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

    /** Whether {@code line} starts with {@code prefix}, ignoring ASCII case (no copy of the line). */
    private static boolean startsWith(StringBuilder line, String prefix) {
        if (line.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char a = line.charAt(i);
            char b = prefix.charAt(i);
            if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A buffer over a connection's input without the per-byte lock of {@code BufferedInputStream}
     * (which would charge the longer signed requests a lock per header byte). Not thread-safe: one
     * per connection thread.
     */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        /** Reads one line without its CR LF into {@code line}; {@code false} at the end of the stream. */
        boolean readLine(StringBuilder line) throws IOException {
            line.setLength(0);
            while (true) {
                if (position == limit && !fill()) {
                    return false;
                }
                byte c = buffer[position++];
                if (c == '\n') {
                    return true;
                }
                if (c != '\r') {
                    line.append((char) (c & 0xff));
                }
            }
        }

        /** Skips {@code n} bytes (a request body). */
        void skip(long n) throws IOException {
            while (n > 0) {
                if (position == limit && !fill()) {
                    throw new EOFException("request body ended " + n + " bytes early");
                }
                int step = (int) Math.min(n, limit - position);
                position += step;
                n -= step;
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }
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
