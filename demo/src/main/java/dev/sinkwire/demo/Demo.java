/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.demo;

/**
 * README command 1: Sinkwire under Weld SE with a config-only webhook sink (type=http) to an embedded receiver that
 * fails and recovers, an audit class sink and a filtered method sink; several thousand CDI events
 * from several threads; a table per sink and a verdict. Exits 0 only if nothing was lost.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     * @throws Exception if the demo could not run
     */
    public static void main(String[] args) throws Exception {
        DemoRun run = new DemoRun(DemoRun.Options.standard(), System.out);
        DemoRun.Result result = run.run();
        run.printTable(result);
        if (!result.nothingLost()) {
            System.exit(1);
        }
    }
}
