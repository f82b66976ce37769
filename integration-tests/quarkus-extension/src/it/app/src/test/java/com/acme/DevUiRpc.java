/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package com.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Calls one JSON-RPC method of the Dev UI over its WebSocket ({@code /q/dev-ui/json-rpc-ws}), as
 * the Dev UI page does, and returns the raw answer.
 */
final class DevUiRpc {
    private DevUiRpc() {
    }

    static String call(int port, String method) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    if (message.contains("\"id\":7") || message.contains("\"id\" : 7")) {
                        answer.complete(message);
                    }
                }
                socket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                answer.completeExceptionally(error);
            }
        };
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/q/dev-ui/json-rpc-ws"), listener)
                .get(30, TimeUnit.SECONDS);
        try {
            socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":{}}", true)
                    .get(30, TimeUnit.SECONDS);
            return answer.get(60, TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }
}
