package dev.blindrelay.session.ratchet;

import dev.blindrelay.session.MessageTrace;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.SessionCipher;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.session.StolenSession;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.TraceValue;
import dev.blindrelay.trace.Tracer;

import javax.crypto.AEADBadTagException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Double Ratchet session (PROTOCOL.md section 8), generic over the suite: the suite's key agreement for the
 * asymmetric steps, its KDF for the root and chain steps, its AEAD for the messages. A DATA frame is
 * {@code envelope header || RatchetHeader || AEAD(ciphertext || tag)} with every byte before the ciphertext as
 * associated data. Each message key seals one message, so the nonce is just the message's place,
 * {@code 0...0 || u32 epoch || u32 n}. The keys and the rules are in {@link RatchetState}; this class frames,
 * encrypts and locks.
 */
public final class DoubleRatchet implements SessionCipher {

    private final Aead aead;
    private final String self;
    private final String peer;
    private final Tracer tracer;
    private final RatchetState state;
    private boolean destroyed;

    private DoubleRatchet(Aead aead, String self, String peer, Tracer tracer, RatchetState state) {
        this.aead = aead;
        this.self = self;
        this.peer = peer;
        this.tracer = tracer;
        this.state = state;
    }

    /**
     * @param keys copied; the caller zeroes its own
     */
    public static DoubleRatchet start(CipherSuite suite, boolean initiator, String self, String peer, RatchetKeys keys,
                                      SessionOptions options, Tracer tracer) throws GeneralSecurityException {
        RatchetState state = new RatchetState(suite.keyAgreement(), new RatchetKdf(suite), initiator, peer, options,
                new RatchetTrace(tracer, self, peer), keys);
        return new DoubleRatchet(suite.aead(), self, peer, tracer, state);
    }

    @Override
    public synchronized byte[] seal(byte[] header, byte[] plaintext) throws GeneralSecurityException {
        requireLive();
        RatchetState.Outgoing next = state.next();
        RatchetHeader fields = next.header();
        byte[] frame = Arrays.copyOf(header, header.length + fields.length());
        fields.write(frame, header.length);
        byte[] nonce = nonce(fields);
        try {
            byte[] out = sealWith(next.messageKey(), nonce, frame, plaintext);
            if (tracer.enabled()) {
                trace("seal", "encrypt with this message's own key (one chain step; the chain key it came from is "
                        + "overwritten), nonce = epoch || n; AAD binds the envelope and every ratchet field",
                        fields, next.chainKey(), next.messageKey(), nonce, frame, plaintext,
                        Arrays.copyOfRange(out, frame.length, out.length));
            }
            return out;
        } finally {
            Arrays.fill(next.messageKey(), (byte) 0);
        }
    }

    @Override
    public Opened open(byte[] frame, int bodyOffset) throws GeneralSecurityException {
        int tagAt = frame.length - aead.tagLength();
        if (tagAt < bodyOffset) {
            throw new AEADBadTagException("message from " + peer + " is too short to be genuine");
        }
        RatchetHeader fields = RatchetHeader.read(frame, bodyOffset, tagAt, peer);
        int ciphertextAt = bodyOffset + fields.length();
        byte[] nonce = nonce(fields);
        synchronized (this) {
            requireLive();
            ReceiveAttempt attempt = state.attempt(fields);
            byte[] plaintext;
            try {
                plaintext = openWith(attempt.messageKey(), nonce, frame, ciphertextAt);
            } catch (GeneralSecurityException | RuntimeException e) {
                attempt.abandon();
                throw e;
            }
            if (tracer.enabled()) {
                trace("open", "decrypt with the message key the chain gives for (epoch, n); a key opens one message "
                        + "and is erased, so a replay finds none", fields, attempt.chainKey(), attempt.messageKey(),
                        nonce, Arrays.copyOf(frame, ciphertextAt), plaintext,
                        Arrays.copyOfRange(frame, ciphertextAt, frame.length));
            }
            state.commit(attempt, fields);
            return new Opened(plaintext, fields.n(), attempt.missed(), attempt.late());
        }
    }

    /** {@code frame} followed by {@code plaintext} sealed under a key used for this one message and destroyed at once. */
    private byte[] sealWith(byte[] messageKey, byte[] nonce, byte[] frame, byte[] plaintext)
            throws GeneralSecurityException {
        AeadKey key = aead.importKey(messageKey);
        try {
            return aead.sealAfter(key, nonce, frame, plaintext);
        } finally {
            key.destroy();
        }
    }

    /** Opens the frame from {@code ciphertextAt} under a key used for this one message and destroyed at once. */
    private byte[] openWith(byte[] messageKey, byte[] nonce, byte[] frame, int ciphertextAt)
            throws GeneralSecurityException {
        AeadKey key = aead.importKey(messageKey);
        try {
            return aead.openAfter(key, nonce, frame, ciphertextAt);
        } finally {
            key.destroy();
        }
    }

    private byte[] nonce(RatchetHeader fields) {
        return nonce(aead, fields);
    }

    /** {@code 0...0 || u32 epoch || u32 n}: unique per message key, which is itself used once. */
    static byte[] nonce(Aead aead, RatchetHeader fields) {
        byte[] nonce = new byte[aead.nonceLength()];
        long place = (fields.epoch() << 32) | fields.n();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 1 - i] = (byte) (place >>> (8 * i));
        }
        return nonce;
    }

    private void trace(String step, String purpose, RatchetHeader fields, byte[] chainKey, byte[] messageKey,
                       byte[] nonce, byte[] associatedData, byte[] plaintext, byte[] sealed) {
        List<TraceValue> first = new ArrayList<>(List.of(TraceValue.text("epoch", fields.epoch()),
                TraceValue.text("n", fields.n()), TraceValue.text("previous", fields.previous()),
                TraceValue.text("seen", fields.seen()), TraceValue.text("keys attached", fields.hasKeys())));
        if (chainKey != null) {
            first.add(TraceValue.secret("chain key", chainKey));
        }
        first.add(TraceValue.secret("message key", messageKey));
        tracer.event(self, peer, step, purpose,
                MessageTrace.values(first, nonce, associatedData, plaintext, sealed, aead.tagLength()));
    }

    @Override
    public int overhead() {
        return RatchetHeader.FIXED_LENGTH + aead.tagLength();
    }

    /** Keys of messages not yet arrived that this session holds now. */
    public synchronized int skippedKeys() {
        return state.skippedKeys();
    }

    @Override
    public synchronized StolenSession steal() {
        return state.steal(aead, self);
    }

    private void requireLive() throws GeneralSecurityException {
        if (destroyed) {
            throw new GeneralSecurityException("session with " + peer + " was closed and its keys erased");
        }
    }

    @Override
    public synchronized void destroy() {
        destroyed = true;
        state.destroy();
    }
}
