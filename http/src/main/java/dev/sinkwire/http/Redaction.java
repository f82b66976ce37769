/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.net.URI;
import java.net.URISyntaxException;

/** Keeps secrets out of messages, logs and {@code toString}. Stateless; safe for concurrent use. */
final class Redaction {

    /** What a hidden value is replaced with. */
    static final String HIDDEN = "****";

    private Redaction() {
    }

    /**
     * The URL's origin only ({@code scheme://host[:port]}), with {@code /…} when it has a path or
     * query: webhook URLs often carry a token in the path (Slack, Discord), so the rest is hidden.
     */
    static String origin(URI url) {
        StringBuilder s = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            s.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || url.getRawQuery() != null) {
            s.append("/…");
        }
        return s.toString();
    }

    /**
     * The origin ({@code scheme://host:port}) of a URL as configured, for messages about a refused
     * URL: never its user information, path, query or fragment. {@code (value hidden)} when no
     * origin can be made out.
     */
    static String originOf(String configured) {
        try {
            URI u = new URI(configured.strip());
            if (u.getScheme() != null && u.getHost() != null && u.getScheme().matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                StringBuilder s = new StringBuilder().append(u.getScheme()).append("://").append(u.getHost());
                if (u.getPort() >= 0) {
                    s.append(':').append(u.getPort());
                }
                return s.toString();
            }
        } catch (URISyntaxException e) {
            // fall through: nothing safe to show
        }
        return "(value hidden)";
    }

    /**
     * Replaces every occurrence of each secret in {@code text}, and every control character except
     * tab, so that a receiver echoing a token, or sending line breaks, cannot leak it into a log.
     */
    static String scrub(String text, Iterable<String> secrets) {
        String out = text;
        for (String secret : secrets) {
            if (secret.length() >= 4) { // shorter values are too common to hunt for, and hidden elsewhere
                out = out.replace(secret, HIDDEN);
            }
        }
        StringBuilder s = new StringBuilder(out.length());
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            s.append(Character.isISOControl(c) && c != '\t' ? ' ' : c);
        }
        return s.toString();
    }
}
