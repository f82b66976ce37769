/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.durable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CrashChild} JVM started with this JVM's class path, its stdout read line by line on a
 * thread of its own (rolled-back events, unacknowledged POSTs, {@code FIRED}, {@code DRAINED}), its
 * stderr to a file.
 */
final class ChildProcess {

    final Process process;
    /** The owner name the child relays as (its tenth argument). */
    final String owner;
    final Queue<String> rolledBack = new ConcurrentLinkedQueue<>();
    /** {@code "<id> <attempt>"} of each POST whose answer the child did not get (an I/O error). */
    final Queue<String> unacked = new ConcurrentLinkedQueue<>();
    final CountDownLatch ready = new CountDownLatch(1);
    final CountDownLatch drained = new CountDownLatch(1);
    /** Counted down once the child's stdout ended and every line of it was read. */
    private final CountDownLatch read = new CountDownLatch(1);

    ChildProcess(List<String> args, Path log) throws IOException {
        owner = args.get(9);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        String store = log.getParent().resolve("narayana-" + log.getFileName()).toString();
        command.add("-DObjectStoreEnvironmentBean.objectStoreDir=" + store);
        command.add("-DObjectStoreEnvironmentBean.communicationStore.objectStoreDir=" + store);
        command.add("-DObjectStoreEnvironmentBean.stateStore.objectStoreDir=" + store);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashChild.class.getName());
        command.addAll(args);
        Files.createDirectories(log.getParent());
        // started in the log folder, so that nothing the child writes lands in the source tree
        process = new ProcessBuilder(command).directory(log.getParent().toFile()).redirectError(log.toFile()).start();
        Thread reader = new Thread(this::read, "child-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("ROLLBACK ")) {
                    rolledBack.add(line.substring("ROLLBACK ".length()));
                } else if (line.startsWith("UNACKED ")) {
                    unacked.add(line.substring("UNACKED ".length()));
                } else if (line.equals("RELAYING")) {
                    ready.countDown();
                } else if (line.equals("DRAINED")) {
                    drained.countDown();
                }
            }
        } catch (IOException e) {
            // the child was killed: its stdout ends
        } finally {
            read.countDown();
        }
    }

    /**
     * Waits until every line the ended child printed has been read, so that {@link #rolledBack} and
     * {@link #unacked} are complete; fails if the reader has not finished within {@code timeout}.
     */
    void awaitOutput(Duration timeout) throws InterruptedException {
        if (!read.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the output of child " + process.pid() + " was not read within " + timeout);
        }
    }

    /** SIGKILL (on Linux, {@link Process#destroyForcibly()} sends it), then waits for the exit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
