package dev.blindrelay.cli.compare;

import dev.blindrelay.suite.CipherSuite;

import java.security.GeneralSecurityException;
import java.util.List;

/**
 * What every measurement of one run shares: the same two parties, message sizes and time box, so
 * suites and providers are measured under identical conditions and can be compared.
 *
 * @param parties the identities of the in-memory handshakes
 * @param sizes   plaintext sizes of the throughput measurements, in bytes
 * @param box     time box of each measurement
 */
record Workload(InMemoryHandshake parties, List<Integer> sizes, TimeBox box) {

    Workload {
        sizes = List.copyOf(sizes);
    }

    /** MB/s at each size through the two ends of one ratchet session of {@code suite} (the default kind). */
    List<Double> throughput(CipherSuite suite) throws GeneralSecurityException {
        InMemoryHandshake.Result sessions = parties.settled(suite);
        try {
            return Throughput.megabytesPerSecond(sessions.responderSession(), sessions.initiatorSession(), sizes, box);
        } finally {
            sessions.destroy();
        }
    }
}
