package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;

/**
 * A key agreement that hands every call to a real one: a test overrides the call it records or corrupts. The SPI's
 * default methods stay the interface's own, so a wrapper changes nothing it does not override.
 */
public abstract class ForwardingKeyAgreement implements KeyAgreement {

    protected final KeyAgreement real;

    protected ForwardingKeyAgreement(KeyAgreement real) {
        this.real = real;
    }

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
        return real.generate();
    }

    @Override
    public KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException {
        return real.respond(initiatorPublic);
    }

    @Override
    public byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException {
        return real.finish(own, responderMessage);
    }
}
