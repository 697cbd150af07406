package dev.blindrelay.spi;

import java.security.GeneralSecurityException;

/**
 * An ephemeral key agreement in initiator/responder form, so that both Diffie-Hellman and a KEM fit
 * without a change to core:
 * <ul>
 *   <li>Diffie-Hellman: {@link #generate()} makes a key pair whose public key the initiator sends;
 *       {@link #respond} makes the responder's key pair, sends its public key and computes the
 *       shared secret; {@link #finish} computes the same secret on the initiator's side.</li>
 *   <li>KEM (e.g. ML-KEM): {@link #generate()} makes the decapsulation key pair;
 *       {@link #respond} encapsulates to it and sends the ciphertext; {@link #finish} decapsulates.</li>
 * </ul>
 * Stateless: the initiator's private state travels in the {@link KeyShare} the caller holds.
 * Implementations validate every public value they receive and refuse degenerate shared secrets.
 */
public interface KeyAgreement extends Plugin {

    /** Length in bytes of the initiator's public message. */
    int publicKeyLength();

    /** Length in bytes of the responder's message (equal to publicKeyLength for Diffie-Hellman). */
    int responseLength();

    /** Length in bytes of the shared secret. */
    int sharedSecretLength();

    /** Initiator: a fresh ephemeral key pair. */
    KeyShare generate() throws GeneralSecurityException;

    /**
     * Responder: answers the initiator's public message.
     *
     * @throws java.security.InvalidKeyException when {@code initiatorPublic} is not a valid key
     */
    KeyAgreementResponse respond(byte[] initiatorPublic) throws GeneralSecurityException;

    /**
     * Responder, when its message does not depend on the initiator's (Diffie-Hellman: it is the responder's own
     * public key): a fresh key share whose public bytes are the response, and whose secret {@link #finish} then
     * computes with the initiator's public key, as the initiator does. The handshake can thus sign its
     * transcript while the secret is computed. Null (the default) when the response is made from the
     * initiator's message (a KEM encapsulates to it): the handshake then calls {@link #respond}.
     */
    default KeyShare responseShare() throws GeneralSecurityException {
        return null;
    }

    /**
     * Initiator: the shared secret from its own share and the responder's message. Also the responder's, from its
     * {@link #responseShare()} and the initiator's public key.
     *
     * @throws java.security.InvalidKeyException when {@code responderMessage} is not valid
     */
    byte[] finish(KeyShare own, byte[] responderMessage) throws GeneralSecurityException;

    /**
     * For a hybrid, its component key agreements in wire order: both messages and the shared secret are the
     * concatenation of theirs (e.g. X25519MLKEM768 = ML-KEM-768 then X25519). Empty for a single algorithm. Used
     * only to explain: the trace shows each part of the secret, {@code compare} measures each part.
     */
    default java.util.List<KeyAgreement> components() {
        return java.util.List.of();
    }

    /**
     * The same algorithm (same id, same bytes on the wire) from other providers, for
     * {@code blindrelay compare} to show how much the provider matters. The registry never
     * registers these: the fastest implementation is the plugin itself.
     */
    default java.util.List<KeyAgreement> providerVariants() {
        return java.util.List.of();
    }
}
