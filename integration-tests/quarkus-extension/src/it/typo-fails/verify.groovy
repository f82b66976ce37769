/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
// The build failed (invoker.buildResult=failure); it must have failed for the typo, at build time,
// naming the key and suggesting the nearest valid one.
def log = new File(basedir, 'build.log').text
assert log.contains('sinkwire.sinks.billing.retry.stratgy') : 'the log does not name the mistyped key'
assert log.contains('did you mean') && log.contains('retry.strategy') : 'the log does not suggest retry.strategy'
assert log.contains('checked when the application is built') : 'the typo was not reported by the build step'
assert !log.contains('NoClassDefFoundError')
return true
