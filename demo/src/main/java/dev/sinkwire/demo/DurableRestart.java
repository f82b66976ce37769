/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The restart demo ({@code java -cp demo/target/sinkwire-demo.jar dev.sinkwire.demo.DurableRestart
 * [directory]}): orders accepted by a durable sink while its receiver is down are still delivered
 * after the application stopped and started again. Exits 0 only if every order arrived once, with
 * the id it had before the restart.
 */
public final class DurableRestart {

    private DurableRestart() {
    }

    /**
     * Runs the demo.
     *
     * @param args optionally the outbox directory (default: a new temporary directory)
     * @throws Exception if the demo could not run
     */
    public static void main(String[] args) throws Exception {
        Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sinkwire-outbox");
        RestartRun.Result result = new RestartRun(directory, 4, 250, Duration.ofSeconds(60), System.out).run();
        if (result.ok()) {
            System.out.printf("VERDICT: OK - %d orders accepted while the ledger was down, the application stopped"
                    + " and restarted, every order delivered once with its id from before the restart.%n",
                    result.fired());
        } else {
            System.out.println("VERDICT: FAILED");
            result.problems().forEach(p -> System.out.println("  - " + p));
            System.exit(1);
        }
    }
}
