package dev.blindrelay.session.ratchet;

import dev.blindrelay.session.StolenSession;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.spi.KeyAgreement;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.MalformedFrameException;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A thief who copied one side's ratchet state, and tries every key it can get from it on each recorded frame. It
 * knows the protocol but is not bound by the receiving rules, so what it reads is what the copied keys allow:
 * <ul>
 *   <li>every kept key of a skipped message, on every frame;</li>
 *   <li>each chain it copied (the side's sending chain, and its receiving chain from the peer), at the frame's
 *       number and at the place the chain had reached;</li>
 *   <li>a step by the peer that answers the share it copied: it has the private key, so it can finish it;</li>
 *   <li>any other step: it lacks the secret and can only guess it (all zero), which works only if the root step
 *       ignores the secret.</li>
 * </ul>
 * So a test built on it fails if the ratchet kept a key it should have erased, or did not mix the secret in.
 */
final class StolenRatchet implements StolenSession {

    private final Aead aead;
    private final KeyAgreement keyAgreement;
    private final String self;
    private final int maxSkipped;
    private final RootChain root;
    /** [0] the chain of the side that was robbed (its sending chain); [1] the peer's (its receiving chain). */
    private final SymmetricChain[] chains;
    private final List<byte[]> kept;
    private HeldShare share;

    StolenRatchet(Aead aead, KeyAgreement keyAgreement, String self, int maxSkipped, RootChain root,
                  SymmetricChain sending, SymmetricChain receiving, List<byte[]> kept, HeldShare share) {
        this.aead = aead;
        this.keyAgreement = keyAgreement;
        this.self = self;
        this.maxSkipped = maxSkipped;
        this.root = root;
        this.chains = new SymmetricChain[] {sending, receiving};
        this.kept = kept;
        this.share = share;
    }

    @Override
    public Optional<byte[]> read(byte[] frame) {
        try {
            EnvelopeHeader envelope = EnvelopeHeader.parse(frame);
            RatchetHeader fields = RatchetHeader.read(frame, envelope.bodyOffset(), frame.length - aead.tagLength(),
                    envelope.sender());
            Message message = new Message(frame, envelope.bodyOffset() + fields.length(), fields);
            for (byte[] key : kept) {
                Optional<byte[]> plaintext = message.openWith(key);
                if (plaintext.isPresent()) {
                    kept.remove(key);
                    Arrays.fill(key, (byte) 0);
                    return plaintext;
                }
            }
            int side = envelope.sender().equals(self) ? 0 : 1;
            return fields.epoch() == chains[side].epoch() ? inChain(side, message) : followStep(side, message);
        } catch (GeneralSecurityException | MalformedFrameException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The chain's key where it stands, then (if the frame is ahead) the key at the frame's number. */
    private Optional<byte[]> inChain(int side, Message message) throws GeneralSecurityException {
        SymmetricChain here = chains[side].copy();
        try {
            byte[] current = here.nextMessageKey();
            Optional<byte[]> plaintext = message.openWith(current);
            Arrays.fill(current, (byte) 0);
            if (plaintext.isPresent()) {
                adopt(side, here);
                return plaintext;
            }
        } finally {
            here.destroy();
        }
        return ahead(side, chains[side].copy(), message);
    }

    private Optional<byte[]> ahead(int side, SymmetricChain chain, Message message) throws GeneralSecurityException {
        long n = message.fields.n();
        if (n < chain.next() || n - chain.next() > maxSkipped) {
            chain.destroy();
            return Optional.empty();
        }
        while (chain.next() < n) {
            Arrays.fill(chain.nextMessageKey(), (byte) 0);
        }
        byte[] key = chain.nextMessageKey();
        Optional<byte[]> plaintext = message.openWith(key);
        Arrays.fill(key, (byte) 0);
        if (plaintext.isPresent()) {
            adopt(side, chain);
        } else {
            chain.destroy();
        }
        return plaintext;
    }

    /** A new epoch: the secret is known only when the peer answers the share that was copied. */
    private Optional<byte[]> followStep(int side, Message message) throws GeneralSecurityException {
        RatchetHeader fields = message.fields;
        if (!fields.hasKeys() || fields.response().length == 0) {
            return Optional.empty();
        }
        boolean answersCopiedShare = side == 1 && share != null;
        byte[] secret = answersCopiedShare ? keyAgreement.finish(share.share(), fields.response())
                : new byte[keyAgreement.sharedSecretLength()];
        byte[] derived = root.derive(secret);
        Arrays.fill(secret, (byte) 0);
        Optional<byte[]> plaintext = ahead(side, new SymmetricChain(root.kdf(), fields.epoch(),
                root.chainKeyOf(derived)), message);
        if (plaintext.isPresent()) {
            Arrays.fill(root.accept(derived), (byte) 0);
            if (answersCopiedShare) {
                share.release();
                share = null;
            }
        } else {
            Arrays.fill(derived, (byte) 0);
        }
        return plaintext;
    }

    private void adopt(int side, SymmetricChain chain) {
        chains[side].destroy();
        chains[side] = chain;
    }

    @Override
    public void close() {
        root.destroy();
        chains[0].destroy();
        chains[1].destroy();
        kept.forEach(key -> Arrays.fill(key, (byte) 0));
        if (share != null) {
            share.release();
            share = null;
        }
    }

    /** One recorded frame: its associated data, its sealed part and its nonce. */
    private final class Message {
        final RatchetHeader fields;
        final byte[] associatedData;
        final byte[] sealed;

        Message(byte[] frame, int ciphertextAt, RatchetHeader fields) {
            this.fields = fields;
            this.associatedData = Arrays.copyOf(frame, ciphertextAt);
            this.sealed = Arrays.copyOfRange(frame, ciphertextAt, frame.length);
        }

        Optional<byte[]> openWith(byte[] messageKey) throws GeneralSecurityException {
            AeadKey key = aead.importKey(messageKey);
            try {
                return Optional.of(aead.open(key, DoubleRatchet.nonce(aead, fields), sealed, associatedData));
            } catch (javax.crypto.AEADBadTagException wrongKey) {
                return Optional.empty();
            } finally {
                key.destroy();
            }
        }
    }
}
