/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart demo, smaller: every order accepted before the restart arrives after it, once, with its id. */
class RestartRunTest {

    @TempDir
    Path directory;

    @Test
    void ordersAcceptedBeforeTheRestartArriveAfterIt() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RestartRun.Result result = new RestartRun(directory, 3, 40, Duration.ofSeconds(120),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        assertThat(result.problems()).as(log.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(result.before().accepted()).isEqualTo(120);
        assertThat(result.before().pending()).isEqualTo(120);
        assertThat(result.after().delivered()).isEqualTo(120);
        assertThat(result.after().pending()).isZero();
        assertThat(Ledger.Service.received()).hasSize(120);
        assertThat(Ledger.Service.refused()).as("the first run tried and was refused").isNotEmpty();
    }
}
