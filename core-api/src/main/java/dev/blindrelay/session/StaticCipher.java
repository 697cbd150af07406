package dev.blindrelay.session;

import dev.blindrelay.handshake.KeySchedule.DirectionKeys;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The static session ({@code --session static}): one key and base IV per direction for the whole session.
 *
 * <p>A DATA frame is {@code header || u64 counter || AEAD(ciphertext || tag)}. The associated data is every byte
 * before the ciphertext (version, type, sender, recipient, room, counter), so the relay cannot re-address a message.
 * The nonce is {@code baseIV XOR counter} (counter big-endian in the last 8 bytes): counters only go up, so a nonce
 * never repeats under a key. A received counter must be above the last one accepted: replays and reordering are
 * rejected, gaps are reported as drops.
 */
public final class StaticCipher implements SessionCipher {

    private static final int COUNTER_LENGTH = 8;

    private final Aead aead;
    private final String self;
    private final String peer;
    private final Tracer tracer;

    private final Object sendLock = new Object();
    private final byte[] sendRaw;
    private final AeadKey sendKey;
    private final byte[] sendIv;
    private long sendCounter;

    private final Object receiveLock = new Object();
    private final byte[] receiveRaw;
    private final AeadKey receiveKey;
    private final byte[] receiveIv;
    private long receiveNext;

    private volatile boolean destroyed;

    /**
     * @param send    keys for messages from {@code self} to {@code peer}; copied, the caller zeroes its own
     * @param receive keys for messages from {@code peer} to {@code self}
     */
    public StaticCipher(Aead aead, String self, String peer, DirectionKeys send, DirectionKeys receive, Tracer tracer)
            throws GeneralSecurityException {
        this.aead = aead;
        this.self = self;
        this.peer = peer;
        this.tracer = tracer;
        // The raw bytes are kept only so that a stolen copy can be made (the compromise lesson); the imported
        // keys hold the same secret, and destroy() wipes both.
        this.sendRaw = send.key().clone();
        this.sendKey = aead.importKey(sendRaw);
        this.sendIv = send.iv().clone();
        this.receiveRaw = receive.key().clone();
        this.receiveKey = aead.importKey(receiveRaw);
        this.receiveIv = receive.iv().clone();
    }

    @Override
    public byte[] seal(byte[] header, byte[] plaintext) throws GeneralSecurityException {
        synchronized (sendLock) {
            requireLive();
            if (sendCounter < 0) {
                throw new GeneralSecurityException("session with " + peer + " used all 2^63 counters; reconnect for fresh keys");
            }
            long counter = sendCounter++;
            byte[] frame = Arrays.copyOf(header, header.length + COUNTER_LENGTH);
            writeCounter(frame, header.length, counter);
            byte[] nonce = nonce(sendIv, counter);
            byte[] out = aead.sealAfter(sendKey, nonce, frame, plaintext);
            if (tracer.enabled()) {
                trace("seal", "encrypt: nonce = base IV XOR counter, so a nonce never repeats; AAD binds "
                        + "version, type, sender, recipient, room and counter", counter, nonce, frame, plaintext,
                        Arrays.copyOfRange(out, frame.length, out.length));
            }
            return out;
        }
    }

    @Override
    public Opened open(byte[] frame, int counterAt) throws GeneralSecurityException {
        if (frame.length < counterAt + COUNTER_LENGTH + aead.tagLength()) {
            throw new javax.crypto.AEADBadTagException("message from " + peer + " is too short to be genuine");
        }
        long counter = readCounter(frame, counterAt);
        int ciphertextAt = counterAt + COUNTER_LENGTH;
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
            byte[] plaintext = aead.openAfter(receiveKey, nonce, frame, ciphertextAt);
            long missed = counter - receiveNext;
            receiveNext = counter + 1;
            if (tracer.enabled()) {
                trace("open", "decrypt: the tag proves the peer sent exactly these bytes; the counter must "
                        + "be new, so a replay is refused", counter, nonce, Arrays.copyOf(frame, ciphertextAt), plaintext,
                        Arrays.copyOfRange(frame, ciphertextAt, frame.length));
            }
            return new Opened(plaintext, counter, missed);
        }
    }

    private void trace(String step, String purpose, long counter, byte[] nonce, byte[] associatedData,
                       byte[] plaintext, byte[] sealed) {
        tracer.event(self, peer, step, purpose, MessageTrace.values(List.of(TraceValue.text("counter", counter)),
                nonce, associatedData, plaintext, sealed, aead.tagLength()));
    }

    /** {@code baseIv XOR (0...0 || u64 counter)}. */
    static byte[] nonce(byte[] baseIv, long counter) {
        byte[] nonce = baseIv.clone();
        int at = nonce.length - COUNTER_LENGTH;
        for (int i = 0; i < COUNTER_LENGTH; i++) {
            nonce[at + i] ^= (byte) (counter >>> (56 - 8 * i));
        }
        return nonce;
    }

    private static void writeCounter(byte[] out, int at, long counter) {
        for (int i = 0; i < COUNTER_LENGTH; i++) {
            out[at + i] = (byte) (counter >>> (56 - 8 * i));
        }
    }

    private static long readCounter(byte[] in, int at) {
        long value = 0;
        for (int i = 0; i < COUNTER_LENGTH; i++) {
            value = (value << 8) | (in[at + i] & 0xFF);
        }
        return value;
    }

    @Override
    public int overhead() {
        return COUNTER_LENGTH + aead.tagLength();
    }

    /** Both directions' keys: with them a thief reads every message of the session, before and after. */
    @Override
    public StolenSession steal() {
        AeadKey[] keys;
        byte[][] ivs;
        synchronized (sendLock) {
            synchronized (receiveLock) {
                try {
                    keys = new AeadKey[] {aead.importKey(sendRaw), aead.importKey(receiveRaw)};
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("keys imported once no longer import: " + e.getMessage(), e);
                }
                ivs = new byte[][] {sendIv.clone(), receiveIv.clone()};
            }
        }
        return new StolenSession() {
            @Override
            public Optional<byte[]> read(byte[] frame) {
                int counterAt;
                try {
                    counterAt = dev.blindrelay.wire.EnvelopeHeader.parse(frame).bodyOffset();
                } catch (dev.blindrelay.wire.MalformedFrameException e) {
                    return Optional.empty();
                }
                if (frame.length < counterAt + COUNTER_LENGTH + aead.tagLength()) {
                    return Optional.empty();
                }
                byte[] associatedData = Arrays.copyOf(frame, counterAt + COUNTER_LENGTH);
                byte[] sealed = Arrays.copyOfRange(frame, counterAt + COUNTER_LENGTH, frame.length);
                long counter = readCounter(frame, counterAt);
                for (int direction = 0; direction < 2; direction++) {
                    try {
                        return Optional.of(aead.open(keys[direction], nonce(ivs[direction], counter), sealed,
                                associatedData));
                    } catch (GeneralSecurityException wrongDirection) {
                        // try the other key
                    }
                }
                return Optional.empty();
            }

            @Override
            public void close() {
                for (int i = 0; i < 2; i++) {
                    keys[i].destroy();
                    Arrays.fill(ivs[i], (byte) 0);
                }
            }
        };
    }

    /** Checked under the lock too: a destroy may run between the session's check and this call. */
    private void requireLive() throws GeneralSecurityException {
        if (destroyed) {
            throw new GeneralSecurityException("session with " + peer + " was closed and its keys erased");
        }
    }

    @Override
    public void destroy() {
        destroyed = true;
        synchronized (sendLock) {
            sendKey.destroy();
            Arrays.fill(sendRaw, (byte) 0);
            Arrays.fill(sendIv, (byte) 0);
        }
        synchronized (receiveLock) {
            receiveKey.destroy();
            Arrays.fill(receiveRaw, (byte) 0);
            Arrays.fill(receiveIv, (byte) 0);
        }
    }
}
