package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test suite's X448, recording every share it makes (and for which message), and which of them were
 * destroyed. Shares are compared by identity.
 */
public final class RecordingKeyAgreement implements KeyAgreement {

    private final KeyAgreement real = TestSuites.x448Aes128().keyAgreement();
    /** Every share made, in order. */
    public final List<KeyShare> made = new CopyOnWriteArrayList<>();
    /** The shares made for message 2 (a responder's answer). */
    public final List<KeyShare> madeForResponse = new CopyOnWriteArrayList<>();
    public final List<KeyShare> destroyed = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return real.id();
    }

    @Override
    public int publicKeyLength() {
        return real.publicKeyLength();
    }

    @Override
    public int responseLength() {
        return real.responseLength();
    }

    @Override
    public int sharedSecretLength() {
        return real.sharedSecretLength();
    }

    @Override
    public KeyShare generate() throws GeneralSecurityException {
        KeyShare share = new Recorded(real.generate());
        made.add(share);
        return share;
    }

    @Override
    public KeyShare responseShare() throws GeneralSecurityException {
        KeyShare share = generate();
        madeForResponse.add(share);
        return share;
    }

    @Override
    public KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException {
        return real.respond(initiatorPublic);
    }

    @Override
    public byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException {
        return real.finish(((Recorded) own).real, responderMessage);
    }

    /** A share that notes its destruction. */
    private final class Recorded implements KeyShare {
        private final KeyShare real;

        Recorded(KeyShare real) {
            this.real = real;
        }

        @Override
        public byte[] publicBytes() {
            return real.publicBytes();
        }

        @Override
        public byte[] secretBytesForTrace() {
            return real.secretBytesForTrace();
        }

        @Override
        public void destroy() {
            destroyed.add(this);
            real.destroy();
        }
    }
}
