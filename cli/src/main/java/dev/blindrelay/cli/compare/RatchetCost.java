package dev.blindrelay.cli.compare;

/**
 * What ratcheting costs against static keys, measured side by side in one run (PROTOCOL.md §8.2).
 *
 * @param size             plaintext bytes of the messages timed
 * @param staticPerSecond  messages sealed by Alice and opened by Bob per second, static session
 * @param ratchetPerSecond the same through a ratchet session: one chain step per message on each side
 * @param stepsPerSecond   messages per second when every message is an asymmetric step (the two sides take
 *                         turns): the sender's respond and generate, the receiver's finish, both root steps
 */
record RatchetCost(int size, double staticPerSecond, double ratchetPerSecond, double stepsPerSecond) {

    /** Ratchet throughput as a fraction of static. */
    double ratio() {
        return ratchetPerSecond / staticPerSecond;
    }
}
