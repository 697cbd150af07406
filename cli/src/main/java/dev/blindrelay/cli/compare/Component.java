package dev.blindrelay.cli.compare;

import dev.blindrelay.spi.Plugin;

/**
 * One part of a suite as the report shows it: which implementation serves it and what it promises.
 *
 * @param role        "key agreement", "KDF" or "AEAD"
 * @param id          the plugin id, e.g. {@code AES-256-GCM}
 * @param provider    {@link Plugin#provider()}, e.g. {@code SunJCE}
 * @param description {@link Plugin#description()}: its security properties in one line
 * @param sizes       its key, nonce, tag or message sizes, e.g. "key 32 B, nonce 12 B, tag 16 B"
 */
record Component(String role, String id, String provider, String description, String sizes) {

    static Component of(String role, Plugin plugin, String sizes) {
        return new Component(role, plugin.id(), plugin.provider(), plugin.description(), sizes);
    }

    /** The description, or "" when the plugin gives none (the SPI's default is the bare id). */
    String securityNote() {
        return description == null || description.equals(id) ? "" : description;
    }
}
