package dev.blindrelay.session.ratchet;

import dev.blindrelay.spi.KeyShare;

/**
 * Our latest published key share, held until the peer answers it. A {@link KeyShare} cannot be copied through the
 * SPI, so a thief's copy of the state shares the object instead; the share is destroyed when the last holder lets
 * go, which for the real session is the moment it is answered.
 */
final class HeldShare {

    private final KeyShare share;
    private int holders = 1;

    HeldShare(KeyShare share) {
        this.share = share;
    }

    KeyShare share() {
        return share;
    }

    synchronized HeldShare retain() {
        holders++;
        return this;
    }

    synchronized void release() {
        if (--holders == 0) {
            share.destroy();
        }
    }
}
