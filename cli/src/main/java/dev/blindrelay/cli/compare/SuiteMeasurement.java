package dev.blindrelay.cli.compare;

import java.util.List;

/**
 * Everything measured and looked up for one suite in one run.
 *
 * @param id                  the canonical suite id
 * @param alias               its short name, or the id when it has none
 * @param handshakesPerSecond full three-message handshakes per second, single thread
 * @param agreementsPerSecond key agreements alone (both key pairs and both secrets) per second
 * @param megabytesPerSecond  seal+open throughput in 10^6 plaintext bytes per second, one per size
 * @param wire                bytes on the wire
 * @param components          key agreement, KDF and AEAD, in that order
 * @param ratchet             the ratchet against static keys, side by side
 */
record SuiteMeasurement(String id, String alias, double handshakesPerSecond, double agreementsPerSecond,
                        List<Double> megabytesPerSecond, WireCost wire, List<Component> components,
                        RatchetCost ratchet) {

    SuiteMeasurement {
        megabytesPerSecond = List.copyOf(megabytesPerSecond);
        components = List.copyOf(components);
    }
}
