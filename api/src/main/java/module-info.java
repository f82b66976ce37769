/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Sinkwire contract: {@link dev.sinkwire.Sink} and the small set of types every sink,
 * decorator and CDI bean is written against. No dependencies beyond {@code java.base}.
 */
module dev.sinkwire {
    exports dev.sinkwire;
}
