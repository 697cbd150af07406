package dev.blindrelay.testing.suite;

import dev.blindrelay.spi.KeyShare;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test suite's X448, recording every share it makes (and for which message), and which of them were
 * destroyed. Shares are compared by identity.
 */
public final class RecordingKeyAgreement extends ForwardingKeyAgreement {

    /** Every share made, in order. */
    public final List<KeyShare> made = new CopyOnWriteArrayList<>();
    /** The shares made for message 2 (a responder's answer). */
    public final List<KeyShare> madeForResponse = new CopyOnWriteArrayList<>();
    public final List<KeyShare> destroyed = new CopyOnWriteArrayList<>();

    public RecordingKeyAgreement() {
        super(TestSuites.x448Aes128().keyAgreement());
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
    public byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException {
        return real.finish(((Recorded) own).share, responderMessage);
    }

    /** A share that notes its destruction. */
    private final class Recorded implements KeyShare {
        private final KeyShare share;

        Recorded(KeyShare share) {
            this.share = share;
        }

        @Override
        public byte[] publicBytes() {
            return share.publicBytes();
        }

        @Override
        public byte[] secretBytesForTrace() {
            return share.secretBytesForTrace();
        }

        @Override
        public void destroy() {
            destroyed.add(this);
            share.destroy();
        }
    }
}
