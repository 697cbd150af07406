package dev.blindrelay.session.ratchet;

import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

/**
 * The teaching trace of the asymmetric steps ({@code --trace}), with every value needed to recompute them
 * independently: the shares' private keys, the secrets and the root and chain keys.
 */
class RatchetTrace {

    static final RatchetTrace NONE = new RatchetTrace(Tracer.NONE, "", "");

    private final Tracer tracer;
    private final String self;
    private final String peer;

    RatchetTrace(Tracer tracer, String self, String peer) {
        this.tracer = tracer;
        this.self = self;
        this.peer = peer;
    }

    boolean enabled() {
        return tracer.enabled();
    }

    /** The initiator's share of epoch 1: the first turn, which the responder's first step answers. */
    void firstShare(KeyShare share) {
        if (enabled()) {
            tracer.event(self, peer, "ratchet-share",
                    "the initiator's first messages carry a fresh key share; the responder's first ratchet step "
                            + "answers it, and from then on the two sides take turns",
                    TraceValue.text("epoch", 1), TraceValue.secret("share private", share.secretBytesForTrace()),
                    TraceValue.bytes("share public", share.publicBytes()));
        }
    }

    /** Our step: we answered the peer's share and published a new one. */
    void sent(long epoch, byte[] peerShare, KeyAgreementResponse response, byte[] rootBefore, byte[] rootAfter,
              byte[] chainKey, KeyShare fresh) {
        if (enabled()) {
            tracer.event(self, peer, "ratchet-step",
                    "asymmetric step: answer " + peer + "'s latest share (respond), mix the new secret into the root "
                            + "key, start a new sending chain, and attach a fresh share for " + peer + " to answer: "
                            + "a thief who copied our keys before now cannot follow (post-compromise security)",
                    TraceValue.text("epoch", epoch), TraceValue.bytes("peer share", peerShare),
                    TraceValue.bytes("response", response.message()),
                    TraceValue.secret("shared secret", response.sharedSecret()),
                    TraceValue.secret("root key before", rootBefore), TraceValue.secret("root key", rootAfter),
                    TraceValue.secret("chain key", chainKey),
                    TraceValue.secret("share private", fresh.secretBytesForTrace()),
                    TraceValue.bytes("share public", fresh.publicBytes()));
        }
    }

    /** The peer's step: it answered our share; we finish with our private key and follow it. */
    void received(long epoch, KeyShare own, byte[] response, byte[] secret, byte[] rootBefore, byte[] rootAfter,
                  byte[] chainKey) {
        if (enabled()) {
            tracer.event(self, peer, "ratchet-receive",
                    peer + " answered our share: finish with its private key gives the same secret, the root key "
                            + "moves on as " + peer + "'s did, and our share is erased",
                    TraceValue.text("epoch", epoch), TraceValue.secret("share private", own.secretBytesForTrace()),
                    TraceValue.bytes("share public", own.publicBytes()), TraceValue.bytes("response", response),
                    TraceValue.secret("shared secret", secret), TraceValue.secret("root key before", rootBefore),
                    TraceValue.secret("root key", rootAfter), TraceValue.secret("chain key", chainKey));
        }
    }
}
