package dev.blindrelay.cli.compare;

import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.suite.CipherSuite;

import java.security.GeneralSecurityException;
import java.util.List;

/** Measures one suite: handshakes, key agreements, throughput at each size, and its bytes on the wire. */
final class SuiteBenchmark {

    private final Workload workload;

    SuiteBenchmark(Workload workload) {
        this.workload = workload;
    }

    SuiteMeasurement measure(CipherSuite suite, String alias) throws GeneralSecurityException {
        double handshakes = workload.box().perSecond(() -> {
            InMemoryHandshake.Result result = workload.parties().run(suite);
            result.destroy();
            return result.finish().confirmation().length;
        });
        double agreements = Agreements.perSecond(suite.keyAgreement(), workload.box());
        InMemoryHandshake.Result counted = workload.parties().run(suite);
        InMemoryHandshake.Result staticKeys = workload.parties().run(suite, SessionOptions.of(SessionKind.STATIC));
        WireCost wire = WireCost.of(counted, staticKeys);
        counted.destroy();
        staticKeys.destroy();
        return new SuiteMeasurement(suite.id(), alias, handshakes, agreements, workload.throughput(suite), wire,
                components(suite), RatchetBenchmark.measure(suite, workload.parties(), workload.box()));
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
