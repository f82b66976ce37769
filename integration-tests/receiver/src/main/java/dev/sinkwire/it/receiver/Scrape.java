/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.it.receiver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a runtime's own endpoints over HTTP, as an operator's scraper would: the Prometheus text
 * of {@code /metrics} or {@code /q/metrics}, and the JSON of {@code /health/ready}. Used by the
 * three runtime tests. Thread-safe.
 */
public final class Scrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Scrape() {
    }

    /**
     * GETs a URL.
     *
     * @param url the URL
     * @return the status code and body
     * @throws IllegalStateException if the request fails
     */
    public static Response get(URI url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url).header("Accept", "text/plain, application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + url + " interrupted", e);
        }
    }

    /**
     * An HTTP answer. Immutable.
     *
     * @param status the status code
     * @param body the body
     */
    public record Response(int status, String body) {
    }

    /**
     * The samples of one metric in Prometheus text whose labels include {@code labels}.
     *
     * @param text the exposition text
     * @param name the sample name, for example {@code sinkwire_events_total}
     * @param labels labels every returned sample has
     * @return the values, in text order
     */
    public static List<Double> samples(String text, String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            Map<String, String> found = new LinkedHashMap<>();
            if (rest.startsWith("{")) {
                int end = rest.lastIndexOf('}');
                Matcher m = LABEL.matcher(rest.substring(1, end));
                while (m.find()) {
                    found.put(m.group(1), m.group(2));
                }
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                values.add(Double.parseDouble(rest.trim().split("\\s+")[0]));
            }
        }
        return values;
    }

    /**
     * The one sample of a metric with {@code labels}.
     *
     * @param text the exposition text
     * @param name the sample name
     * @param labels the labels that identify it
     * @return its value
     * @throws AssertionError if there is not exactly one such sample
     */
    public static double sample(String text, String name, Map<String, String> labels) {
        List<Double> v = samples(text, name, labels);
        if (v.size() != 1) {
            throw new AssertionError(v.size() + " samples of " + name + labels + " in:\n" + text);
        }
        return v.get(0);
    }

    /**
     * The overall status of a MicroProfile Health response ({@code {"status":"UP","checks":[...]}}).
     *
     * @param json the response body
     * @return {@code UP} or {@code DOWN}
     */
    public static String status(String json) {
        Matcher m = Pattern.compile("\"status\"\\s*:\\s*\"(UP|DOWN)\"").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no status in " + json);
        }
        return m.group(1);
    }

    /**
     * A string or number in the data of a health check response, by key (keys are unique across
     * Sinkwire's checks: {@code <sink>}, {@code <sink>.breaker}...).
     *
     * @param json the response body
     * @param key the data key
     * @return the value as written (quotes removed), or {@code null} when absent
     */
    public static String data(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"?([^\",}\\s]*)").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
