/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs tasks on their own threads, started in a shuffled order and released together by a
 * {@link CyclicBarrier}, then joins them with a bound. Rethrows the first failure of any task.
 */
final class Concurrently {

    /** A task that may throw. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private final List<Task> tasks = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    Concurrently add(String name, Task task) {
        names.add(name);
        tasks.add(task);
        return this;
    }

    /** Runs every task; fails if any task fails or the whole run takes longer than {@code seconds}. */
    void run(Random random, int seconds) throws InterruptedException {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            threads.add(new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    task.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "stress-" + names.get(i)));
        }
        List<Thread> order = new ArrayList<>(threads);
        Collections.shuffle(order, random);
        for (Thread t : order) {
            t.setDaemon(true);
            t.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                AssertionError stuck = new AssertionError(t.getName() + " still running after " + seconds + "s");
                stuck.setStackTrace(t.getStackTrace());
                throw stuck;
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof BrokenBarrierException || first instanceof TimeoutException) {
                throw new AssertionError("start barrier broken", first);
            }
            AssertionError error = new AssertionError(failures.size() + " task(s) failed", first);
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }
}
