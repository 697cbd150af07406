package dev.blindrelay.cli.compare;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;

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
}
