package dev.blindrelay.cli.compare;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;
import java.util.List;

/**
 * The key agreement alone: both ephemeral key pairs and both sides' shared secret
 * ({@code generate + respond + finish}), without signatures or key schedule. Next to the full
 * handshake it shows how much of a handshake is the Diffie-Hellman (or KEM) and how much the rest.
 */
final class Agreements {

    private Agreements() {
    }

    static double perSecond(KeyAgreement keyAgreement, TimeBox box) throws GeneralSecurityException {
        return box.perSecond(() -> {
            KeyShare own = keyAgreement.generate();
            KeyAgreementResponse response = keyAgreement.respond(own.publicBytes());
            byte[] secret = keyAgreement.finish(own, response.message());
            own.destroy();
            response.destroy();
            return secret.length;
        });
    }

    /**
     * Each of the three steps on its own, per second: {@code generate} (key generation), {@code respond} (the
     * responder's key pair and secret, or a KEM's encapsulation) and {@code finish} (the initiator's secret, or a
     * KEM's decapsulation). {@code respond} and {@code finish} reuse one initiator share, as a timed loop must.
     */
    static List<Double> stepsPerSecond(KeyAgreement keyAgreement, TimeBox box) throws GeneralSecurityException {
        double generate = box.perSecond(() -> {
            KeyShare share = keyAgreement.generate();
            share.destroy();
            return 1;
        });
        KeyShare initiator = keyAgreement.generate();
        byte[] initiatorPublic = initiator.publicBytes();
        try {
            double respond = box.perSecond(() -> {
                KeyAgreementResponse response = keyAgreement.respond(initiatorPublic);
                response.destroy();
                return response.message().length;
            });
            KeyAgreementResponse response = keyAgreement.respond(initiatorPublic);
            response.destroy();
            double finish = box.perSecond(() -> keyAgreement.finish(initiator, response.message()).length);
            return List.of(generate, respond, finish);
        } finally {
            initiator.destroy();
        }
    }

    /** The rate of the three steps one after the other, from the rates of each: their times add up. */
    static double together(List<Double> stepRates) {
        return 1 / stepRates.stream().mapToDouble(rate -> 1 / rate).sum();
    }
}
