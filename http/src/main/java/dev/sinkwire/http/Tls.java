/*
 * Copyright 2026 the Sinkwire authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.sinkwire.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} of a webhook sink from a trust store (the receivers' certificates
 * or their CA) and a key store (the client certificate for mutual TLS). Messages name the file
 * and the setting, never a password. Stateless; safe for concurrent use.
 */
final class Tls {

    /** The default store type. */
    static final String DEFAULT_TYPE = "PKCS12";

    private Tls() {
    }

    /** A store file, its password (may be null for a trust store) and type. */
    record Store(Path path, char[] password, String type) {
        Store {
            password = password == null ? null : password.clone();
        }

        @Override
        public String toString() { // never the password
            return path + " (" + type + ")";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Store s && s.path.equals(path) && s.type.equals(type)
                    && Arrays.equals(s.password, password);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + type.hashCode();
        }
    }

    /**
     * The context, or {@code null} when neither store is set (the JDK's default trust applies).
     *
     * @throws IllegalArgumentException naming the setting ({@code what}) whose store cannot be used
     */
    static SSLContext context(Store trust, Store keys, String trustKey, String keyKey) {
        if (trust == null && keys == null) {
            return null;
        }
        TrustManager[] trustManagers = null;
        KeyManager[] keyManagers = null;
        if (trust != null) {
            KeyStore store = load(trust, trustKey);
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trustManagers = tmf.getTrustManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(trustKey + " " + trust + " cannot be used as a trust store ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        if (keys != null) {
            KeyStore store = load(keys, keyKey);
            try {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, keys.password());
                keyManagers = kmf.getKeyManagers();
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(keyKey + " " + keys + " cannot be used as a key store ("
                        + e.getClass().getSimpleName() + "); allowed: a store whose key entry has the store's"
                        + " password");
            }
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    private static KeyStore load(Store s, String key) {
        if (!Files.isReadable(s.path())) {
            throw new IllegalArgumentException(key + " " + s.path() + " is not a readable file; allowed: the path of"
                    + " a " + s.type() + " store");
        }
        try (InputStream in = Files.newInputStream(s.path())) {
            KeyStore store = KeyStore.getInstance(s.type());
            store.load(in, s.password());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // The JDK's messages ("keystore password was incorrect") never contain the password.
            throw new IllegalArgumentException(key + " " + s + " cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); allowed: a " + s.type()
                    + " store and its password in " + key + "-password");
        }
    }
}
