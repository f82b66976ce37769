/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.quarkus.deployment;

import dev.sinkwire.quarkus.runtime.devui.DeadLetterLog;
import dev.sinkwire.quarkus.runtime.devui.SinkwireJsonRpcService;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * Sinkwire's card in the Dev UI ({@code /q/dev-ui}, dev mode only): a page listing the sinks with
 * their chains and live counters, and a page of recent dead letters, both fed by
 * {@link SinkwireJsonRpcService}. Instantiated by the Quarkus build; not thread-safe.
 */
class SinkwireDevUiProcessor {

    /** Creates the build steps; called by the Quarkus build. */
    SinkwireDevUiProcessor() {
    }

    /**
     * The card and its two pages.
     *
     * @return the card
     */
    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card() {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder().title("Sinks").icon("font-awesome-solid:diagram-project")
                .componentLink("qwc-sinkwire-sinks.js"));
        card.addPage(Page.webComponentPageBuilder().title("Dead letters").icon("font-awesome-solid:envelope-open")
                .componentLink("qwc-sinkwire-dead-letters.js"));
        return card;
    }

    /**
     * The JSON-RPC service behind the pages; produced in every mode, as Quarkus asks (it also
     * checks execution-model annotations with it).
     *
     * @return the provider
     */
    @BuildStep
    JsonRPCProvidersBuildItem jsonRpc() {
        return new JsonRPCProvidersBuildItem(SinkwireJsonRpcService.class);
    }

    /**
     * The log of recent dead letters, a bean in dev mode only.
     *
     * @return the bean
     */
    @BuildStep(onlyIf = IsDevelopment.class)
    AdditionalBeanBuildItem deadLetterLog() {
        return AdditionalBeanBuildItem.unremovableOf(DeadLetterLog.class);
    }
}
