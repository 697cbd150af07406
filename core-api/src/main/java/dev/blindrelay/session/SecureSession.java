package dev.blindrelay.session;

import dev.blindrelay.handshake.KeySchedule.DirectionKeys;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.WireWriter;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The one owner of an established session's state: the per-direction keys and base IVs, the two
 * message counters, and the transcript hash. Built only by a completed handshake.
 *
 * <p>A DATA frame is {@code header || u64 counter || AEAD(ciphertext || tag)}. The associated data
 * is every byte before the ciphertext (version, type, sender, recipient, room, counter), so the relay
 * cannot re-address a message. The nonce is {@code baseIV XOR counter} (counter big-endian in the
 * last 8 bytes): counters only go up, so a nonce never repeats under a key. A received counter must
 * be above the last one accepted: replays and reordering are rejected, gaps are reported as drops.
 */
public final class SecureSession {

    private final CipherSuite suite;
    private final Aead aead;
    private final String self;
    private final String peer;
    private final String room;
    private final byte[] sessionHash;
    private final String safetyCode;
    private final byte[] peerIdentityKey;
    private final Tracer tracer;
    private final byte[] header;

    private final Object sendLock = new Object();
    private final AeadKey sendKey;
    private final byte[] sendIv;
    private long sendCounter;

    private final Object receiveLock = new Object();
    private final AeadKey receiveKey;
    private final byte[] receiveIv;
    private long receiveNext;

    private volatile boolean destroyed;

    /**
     * @param send    keys for messages from {@code self} to {@code peer}; copied, the caller zeroes its own
     * @param receive keys for messages from {@code peer} to {@code self}
     */
    public SecureSession(CipherSuite suite, String self, String peer, String room, DirectionKeys send,
                         DirectionKeys receive, byte[] sessionHash, String safetyCode, byte[] peerIdentityKey,
                         Tracer tracer) throws GeneralSecurityException {
        this.suite = suite;
        this.aead = suite.aead();
        this.self = self;
        this.peer = peer;
        this.room = room;
        this.sessionHash = sessionHash.clone();
        this.safetyCode = safetyCode;
        this.peerIdentityKey = peerIdentityKey.clone();
        this.tracer = tracer;
        this.sendKey = aead.importKey(send.key());
        this.sendIv = send.iv().clone();
        this.receiveKey = aead.importKey(receive.key());
        this.receiveIv = receive.iv().clone();
        this.header = new WireWriter(8 + self.length() + peer.length() + room.length())
                .u8(EnvelopeHeader.VERSION).u8(FrameType.DATA.code()).str8(self).str8(peer).str8(room).toByteArray();
    }

    /** Encrypts {@code plaintext} into a complete DATA frame addressed to the peer. */
    public byte[] seal(byte[] plaintext) throws GeneralSecurityException {
        synchronized (sendLock) {
            requireLive();
            if (sendCounter < 0) {
                throw new GeneralSecurityException("session with " + peer + " used all 2^63 counters; reconnect for fresh keys");
            }
            long counter = sendCounter++;
            byte[] frame = Arrays.copyOf(header, header.length + 8);
            writeCounter(frame, header.length, counter);
            byte[] nonce = nonce(sendIv, counter);
            byte[] sealed = aead.seal(sendKey, nonce, plaintext, frame);
            if (tracer.enabled()) {
                traceMessage("seal", "encrypt: nonce = base IV XOR counter, so a nonce never repeats; AAD binds "
                        + "version, type, sender, recipient, room and counter", counter, nonce, frame, plaintext, sealed);
            }
            byte[] out = Arrays.copyOf(frame, frame.length + sealed.length);
            System.arraycopy(sealed, 0, out, frame.length, sealed.length);
            return out;
        }
    }

    /**
     * Authenticates and decrypts a DATA frame from the peer. Nothing changes unless it authenticates.
     *
     * @throws ReplayException when the counter was already seen (replay or reorder)
     * @throws javax.crypto.AEADBadTagException when the frame was tampered with or is not for this session
     */
    public Opened open(EnvelopeHeader envelope, byte[] frame) throws GeneralSecurityException {
        if (envelope.type() != FrameType.DATA || !envelope.sender().equals(peer) || !envelope.recipient().equals(self)
                || !envelope.room().equals(room)) {
            throw new GeneralSecurityException("frame from " + envelope.sender() + " to " + envelope.recipient()
                    + " does not belong to the session " + peer + " -> " + self);
        }
        int counterAt = envelope.bodyOffset();
        int tag = aead.tagLength();
        if (frame.length < counterAt + 8 + tag) {
            throw new javax.crypto.AEADBadTagException("message from " + peer + " is too short to be genuine");
        }
        long counter = readCounter(frame, counterAt);
        byte[] associatedData = Arrays.copyOfRange(frame, 0, counterAt + 8);
        byte[] sealed = Arrays.copyOfRange(frame, counterAt + 8, frame.length);
        synchronized (receiveLock) {
            requireLive();
            if (counter < 0) {
                // An honest sender stops at 2^63; refusing above it also keeps receiveNext from wrapping.
                throw new ReplayException("message from " + peer + " has counter " + Long.toUnsignedString(counter)
                        + ", beyond the 2^63 a sender may use");
            }
            // Unsigned: once 2^63 - 1 was accepted, receiveNext is 2^63 and every counter is old.
            if (Long.compareUnsigned(counter, receiveNext) < 0) {
                throw new ReplayException("message #" + counter + " from " + peer
                        + " was replayed or reordered (next expected #" + Long.toUnsignedString(receiveNext) + ")");
            }
            byte[] nonce = nonce(receiveIv, counter);
            byte[] plaintext = aead.open(receiveKey, nonce, sealed, associatedData);
            long missed = counter - receiveNext;
            receiveNext = counter + 1;
            if (tracer.enabled()) {
                traceMessage("open", "decrypt: the tag proves the peer sent exactly these bytes; the counter must "
                        + "be new, so a replay is refused", counter, nonce, associatedData, plaintext, sealed);
            }
            return new Opened(plaintext, counter, missed);
        }
    }

    private void traceMessage(String step, String purpose, long counter, byte[] nonce, byte[] associatedData,
                              byte[] plaintext, byte[] sealed) {
        int tagAt = sealed.length - aead.tagLength();
        tracer.event(self, peer, step, purpose,
                TraceValue.text("counter", counter),
                TraceValue.bytes("nonce", nonce),
                TraceValue.bytes("aad", associatedData),
                TraceValue.secret("plaintext", plaintext),
                TraceValue.bytes("ciphertext", Arrays.copyOf(sealed, tagAt)),
                TraceValue.bytes("tag", Arrays.copyOfRange(sealed, tagAt, sealed.length)));
    }

    /** {@code baseIv XOR (0...0 || u64 counter)}. */
    static byte[] nonce(byte[] baseIv, long counter) {
        byte[] nonce = baseIv.clone();
        int at = nonce.length - 8;
        for (int i = 0; i < 8; i++) {
            nonce[at + i] ^= (byte) (counter >>> (56 - 8 * i));
        }
        return nonce;
    }

    private static void writeCounter(byte[] out, int at, long counter) {
        for (int i = 0; i < 8; i++) {
            out[at + i] = (byte) (counter >>> (56 - 8 * i));
        }
    }

    private static long readCounter(byte[] in, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[at + i] & 0xFF);
        }
        return value;
    }

    public CipherSuite suite() {
        return suite;
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

    /** Overhead per message on the wire beyond the plaintext: header, counter and tag. */
    public int overhead() {
        return header.length + 8 + aead.tagLength();
    }

    /** Never encrypt under wiped keys, even with an AEAD plugin that does not refuse a destroyed key. */
    private void requireLive() throws GeneralSecurityException {
        if (destroyed) {
            throw new GeneralSecurityException("session with " + peer + " was closed and its keys erased");
        }
    }

    /** Wipes the keys and IVs this session owns; seal and open fail afterwards. */
    public void destroy() {
        destroyed = true;
        synchronized (sendLock) {
            sendKey.destroy();
            Arrays.fill(sendIv, (byte) 0);
        }
        synchronized (receiveLock) {
            receiveKey.destroy();
            Arrays.fill(receiveIv, (byte) 0);
        }
    }
}
