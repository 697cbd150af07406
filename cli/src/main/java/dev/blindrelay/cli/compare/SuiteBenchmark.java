package dev.blindrelay.cli.compare;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.suite.CipherSuite;

import java.security.GeneralSecurityException;
import java.util.List;

/** Measures one suite: handshakes, key agreements, throughput at each size, and its bytes on the wire. */
final class SuiteBenchmark {

    private final InMemoryHandshake parties;
    private final List<Integer> sizes;
    private final TimeBox box;

    SuiteBenchmark(InMemoryHandshake parties, List<Integer> sizes, TimeBox box) {
        this.parties = parties;
        this.sizes = List.copyOf(sizes);
        this.box = box;
    }

    SuiteMeasurement measure(CipherSuite suite, String alias) throws GeneralSecurityException {
        double handshakes = box.perSecond(() -> {
            InMemoryHandshake.Result result = parties.run(suite);
            result.destroy();
            return result.finish().confirmation().length;
        });
        double agreements = Agreements.perSecond(suite.keyAgreement(), box);
        // One handshake gives both the frames to count and the sessions whose throughput is measured.
        InMemoryHandshake.Result established = parties.run(suite);
        try {
            return new SuiteMeasurement(suite.id(), alias, handshakes, agreements,
                    Throughput.megabytesPerSecond(established, sizes, box), WireCost.of(established),
                    components(suite));
        } finally {
            established.destroy();
        }
    }

    static List<Component> components(CipherSuite suite) {
        KeyAgreement keyAgreement = suite.keyAgreement();
        Aead aead = suite.aead();
        return List.of(
                Component.of("key agreement", keyAgreement, "public key " + keyAgreement.publicKeyLength()
                        + " B, response " + keyAgreement.responseLength() + " B, shared secret "
                        + keyAgreement.sharedSecretLength() + " B"),
                Component.of("KDF", suite.kdf(), "hash " + suite.kdf().hashLength() + " B"),
                Component.of("AEAD", aead, "key " + aead.keyLength() + " B, nonce " + aead.nonceLength()
                        + " B, tag " + aead.tagLength() + " B"));
    }
}
