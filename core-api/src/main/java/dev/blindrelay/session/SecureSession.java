package dev.blindrelay.session;

import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.WireWriter;

import java.security.GeneralSecurityException;

/**
 * An established session with one peer, built only by a completed handshake: who the peer is, the session's
 * identity (transcript hash, safety code) and its {@link SessionCipher}, which owns every key: a Double Ratchet
 * ({@link SessionKind#RATCHET}, the default) or one key per direction ({@link SessionKind#STATIC}).
 *
 * <p>Every DATA frame is {@code envelope header || the cipher's fields || AEAD ciphertext || tag}, with all bytes
 * before the ciphertext as associated data, so the relay can neither re-address nor alter a message.
 */
public final class SecureSession {

    private final CipherSuite suite;
    private final SessionKind kind;
    private final String self;
    private final String peer;
    private final String room;
    private final byte[] sessionHash;
    private final String safetyCode;
    private final byte[] peerIdentityKey;
    private final byte[] header;
    private final SessionCipher cipher;

    private volatile boolean destroyed;

    public SecureSession(CipherSuite suite, SessionKind kind, String self, String peer, String room,
                         SessionCipher cipher, byte[] sessionHash, String safetyCode, byte[] peerIdentityKey) {
        this.suite = suite;
        this.kind = kind;
        this.self = self;
        this.peer = peer;
        this.room = room;
        this.cipher = cipher;
        this.sessionHash = sessionHash.clone();
        this.safetyCode = safetyCode;
        this.peerIdentityKey = peerIdentityKey.clone();
        this.header = new WireWriter(8 + self.length() + peer.length() + room.length())
                .u8(EnvelopeHeader.VERSION).u8(FrameType.DATA.code()).str8(self).str8(peer).str8(room).toByteArray();
    }

    /** Encrypts {@code plaintext} into a complete DATA frame addressed to the peer. */
    public byte[] seal(byte[] plaintext) throws GeneralSecurityException {
        requireLive();
        return cipher.seal(header, plaintext);
    }

    /**
     * Authenticates and decrypts a DATA frame from the peer. Nothing changes unless it authenticates.
     *
     * @throws ReplayException when the frame was seen before, or its key is gone (replay, or reordered too far)
     * @throws javax.crypto.AEADBadTagException when the frame was tampered with or is not for this session
     */
    public Opened open(EnvelopeHeader envelope, byte[] frame) throws GeneralSecurityException {
        if (envelope.type() != FrameType.DATA || !envelope.sender().equals(peer) || !envelope.recipient().equals(self)
                || !envelope.room().equals(room)) {
            throw new GeneralSecurityException("frame from " + envelope.sender() + " to " + envelope.recipient()
                    + " does not belong to the session " + peer + " -> " + self);
        }
        requireLive();
        return cipher.open(frame, envelope.bodyOffset());
    }

    public CipherSuite suite() {
        return suite;
    }

    public SessionKind kind() {
        return kind;
    }

    public String peer() {
        return peer;
    }

    public String room() {
        return room;
    }

    public String safetyCode() {
        return safetyCode;
    }

    /** The final transcript hash: a unique id for this session. */
    public byte[] sessionHash() {
        return sessionHash.clone();
    }

    public byte[] peerIdentityKey() {
        return peerIdentityKey.clone();
    }

    /**
     * Overhead per message on the wire beyond the plaintext: header, the cipher's fields and tag (for a ratchet,
     * without the key share that rides along while a step is unconfirmed).
     */
    public int overhead() {
        return header.length + cipher.overhead();
    }

    /**
     * A copy of everything this session holds now, as someone who read this client's memory would have it. Only for
     * the compromise lesson ({@code blindrelay demo --compromise-at}) and its tests.
     */
    public StolenSession steal() {
        if (destroyed) {
            throw new IllegalStateException("session with " + peer + " was closed and its keys erased");
        }
        return cipher.steal();
    }

    /** Never encrypt under wiped keys, even with an AEAD plugin that does not refuse a destroyed key. */
    private void requireLive() throws GeneralSecurityException {
        if (destroyed) {
            throw new GeneralSecurityException("session with " + peer + " was closed and its keys erased");
        }
    }

    /** Wipes the keys this session owns; seal and open fail afterwards. */
    public void destroy() {
        destroyed = true;
        cipher.destroy();
    }
}
