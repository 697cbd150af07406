package dev.blindrelay.session;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.kdf.HkdfSha256;
import dev.blindrelay.spi.Aead;
import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.RecordingTracer;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.testing.suite.X448KeyAgreement;
import dev.blindrelay.trace.TraceEvent;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.WireWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecureSessionTest {

    /** This test is about the static session (--session static); the ratchet has its own tests. */
    private static final SessionOptions STATIC = SessionOptions.of(SessionKind.STATIC);


    private static final SecureRandom RANDOM = new SecureRandom();

    private final RecordingTracer tracer = new RecordingTracer();
    private SecureSession alice;
    private SecureSession bob;

    @BeforeEach
    void handshake() throws Exception {
        SecureSession[] pair = handshake(TestSuites.x448Aes128(), tracer);
        alice = pair[0];
        bob = pair[1];
    }

    /** Alice initiates, Bob responds; returns {alice, bob}. */
    static SecureSession[] handshake(CipherSuite suite, Tracer tracer) throws GeneralSecurityException {
        Initiator initiator = Initiator.start(new HandshakeContext(suite, IdentityKeyPair.generate(RANDOM), "alice",
                "bob", "lobby", tracer, STATIC));
        Responder responder = Responder.accept(new HandshakeContext(suite, IdentityKeyPair.generate(RANDOM), "bob",
                "alice", "lobby", tracer, STATIC), initiator.message());
        Initiator.Completed completed = initiator.receive(responder.message());
        return new SecureSession[] {completed.session(), responder.finish(completed.finish())};
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Opened open(SecureSession session, byte[] frame) throws Exception {
        return session.open(EnvelopeHeader.parse(frame), frame);
    }

    private static String text(Opened opened) {
        return new String(opened.plaintext(), StandardCharsets.UTF_8);
    }

    private static long counterOf(byte[] frame) throws Exception {
        return ByteBuffer.wrap(frame, EnvelopeHeader.parse(frame).bodyOffset(), 8).getLong();
    }

    /** The same ciphertext under another header (a relay re-addressing a message). */
    private static byte[] readdressed(byte[] frame, String sender, String recipient, String room) throws Exception {
        EnvelopeHeader header = EnvelopeHeader.parse(frame);
        byte[] rest = Arrays.copyOfRange(frame, header.bodyOffset(), frame.length);
        return new Envelope(FrameType.DATA, sender, recipient, room, rest).encode();
    }

    @Test
    void seal_frameAddressedFromSelfToPeerWithOverhead() throws Exception {
        byte[] frame = alice.seal(utf8("hello"));
        EnvelopeHeader header = EnvelopeHeader.parse(frame);
        assertThat(header.type()).isEqualTo(FrameType.DATA);
        assertThat(header.sender()).isEqualTo("alice");
        assertThat(header.recipient()).isEqualTo("bob");
        assertThat(header.room()).isEqualTo("lobby");
        assertThat(frame.length - 5).isEqualTo(alice.overhead());
        assertThat(text(open(bob, frame))).isEqualTo("hello");
    }

    @Test
    void seal_countersStrictlyIncreaseFromZero() throws Exception {
        for (long expected = 0; expected < 300; expected++) {
            byte[] frame = alice.seal(new byte[0]);
            assertThat(counterOf(frame)).isEqualTo(expected);
            assertThat(open(bob, frame).counter()).isEqualTo(expected);
        }
    }

    @Test
    void seal_concurrentCallersNeverShareACounter() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ConcurrentLinkedQueue<byte[]> frames = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        frames.add(alice.seal(utf8("x")));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> counters = new ArrayList<>();
        for (byte[] frame : frames) {
            counters.add(counterOf(frame));
        }
        assertThat(counters).hasSize(1000).doesNotHaveDuplicates().allMatch(c -> c >= 0 && c < 1000);
    }

    @Test
    void seal_nonceIsBaseIvXorCounterAndFrameDecryptsIndependently() throws Exception {
        TraceEvent keys = tracer.single("alice", "direction-keys");
        byte[] key = HexFormat.of().parseHex(keys.value("i2r key"));
        byte[] iv = HexFormat.of().parseHex(keys.value("i2r iv"));
        assertThat(keys.value("r2i iv")).isNotEqualTo(keys.value("i2r iv"));
        tracer.clear();

        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 258; i++) {
            frames.add(alice.seal(utf8("message " + i)));
        }
        List<TraceEvent> seals = tracer.events("alice", "seal");
        assertThat(seals).hasSize(258);
        for (int counter : new int[] {0, 1, 7, 255, 256, 257}) {
            byte[] expected = iv.clone();
            for (int i = 0; i < 8; i++) {
                expected[expected.length - 8 + i] ^= (byte) (((long) counter) >>> (56 - 8 * i));
            }
            TraceEvent seal = seals.get(counter);
            assertThat(seal.value("counter")).isEqualTo(Integer.toString(counter));
            assertThat(seal.value("nonce")).as("nonce of #%d", counter).isEqualTo(HexFormat.of().formatHex(expected));

            // Decrypt with the JDK alone: AAD is everything before the ciphertext, including the counter.
            byte[] frame = frames.get(counter);
            int sealedAt = EnvelopeHeader.parse(frame).bodyOffset() + 8;
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, expected));
            gcm.updateAAD(Arrays.copyOf(frame, sealedAt));
            byte[] plaintext = gcm.doFinal(Arrays.copyOfRange(frame, sealedAt, frame.length));
            assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo("message " + counter);
        }
        for (byte[] frame : frames) {
            open(bob, frame);
        }
        List<TraceEvent> opens = tracer.events("bob", "open");
        for (int counter = 0; counter < 258; counter++) {
            assertThat(opens.get(counter).value("nonce")).isEqualTo(seals.get(counter).value("nonce"));
        }
    }

    @Test
    void open_replayedFrameRejectedAndSessionContinues() throws Exception {
        byte[] first = alice.seal(utf8("one"));
        assertThat(text(open(bob, first))).isEqualTo("one");

        assertThatThrownBy(() -> open(bob, first))
                .isInstanceOf(ReplayException.class)
                .hasMessageContaining("#0").hasMessageContaining("replayed or reordered");

        Opened next = open(bob, alice.seal(utf8("two")));
        assertThat(text(next)).isEqualTo("two");
        assertThat(next.counter()).isEqualTo(1);
        assertThat(next.missed()).isZero();
    }

    @Test
    void open_counterAtOrAbove2To63RejectedBeforeDecrypting() throws Exception {
        byte[] frame = alice.seal(utf8("one"));
        int counterAt = EnvelopeHeader.parse(frame).bodyOffset();
        for (int i = 0; i < 8; i++) {
            frame[counterAt + i] = (byte) 0xFF; // 2^64 - 1: would wrap the replay window to 0 if accepted
        }
        assertThatThrownBy(() -> open(bob, frame)).isInstanceOf(ReplayException.class)
                .hasMessageContaining("18446744073709551615");
        byte[] next = alice.seal(utf8("two"));
        assertThat(text(open(bob, next))).isEqualTo("two");
    }

    @Test
    void open_afterCounter2To63Minus1NothingMoreIsAccepted() throws Exception {
        TraceEvent keys = tracer.single("alice", "direction-keys");
        byte[] key = HexFormat.of().parseHex(keys.value("i2r key"));
        byte[] iv = HexFormat.of().parseHex(keys.value("i2r iv"));
        byte[] early = alice.seal(utf8("early"));
        // The last counter a sender may use, sealed with the JDK alone (the session would take 2^63 seals).
        long last = Long.MAX_VALUE;
        byte[] header = Arrays.copyOf(early, EnvelopeHeader.parse(early).bodyOffset() + 8);
        ByteBuffer.wrap(header, header.length - 8, 8).putLong(last);
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[nonce.length - 8 + i] ^= (byte) (last >>> (56 - 8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        byte[] sealed = gcm.doFinal(utf8("the last one"));
        byte[] lastFrame = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, lastFrame, header.length, sealed.length);

        assertThat(text(open(bob, lastFrame))).isEqualTo("the last one");
        assertThatThrownBy(() -> open(bob, early)).isInstanceOf(ReplayException.class)
                .hasMessageContaining("next expected #9223372036854775808");
        assertThatThrownBy(() -> open(bob, alice.seal(utf8("later")))).isInstanceOf(ReplayException.class);
    }

    @Test
    void open_olderFrameAfterNewerRejected() throws Exception {
        byte[] older = alice.seal(utf8("older"));
        byte[] newer = alice.seal(utf8("newer"));
        assertThat(open(bob, newer).missed()).isEqualTo(1);
        assertThatThrownBy(() -> open(bob, older)).isInstanceOf(ReplayException.class).hasMessageContaining("#0");
    }

    @Test
    void open_gapReportedAsMissed() throws Exception {
        assertThat(open(bob, alice.seal(utf8("0"))).missed()).isZero();
        alice.seal(utf8("dropped 1"));
        alice.seal(utf8("dropped 2"));
        Opened third = open(bob, alice.seal(utf8("3")));
        assertThat(third.counter()).isEqualTo(3);
        assertThat(third.missed()).isEqualTo(2);
        assertThat(open(bob, alice.seal(utf8("4"))).missed()).isZero();
    }

    @Test
    void open_tamperedCiphertextOrTagRejectedAndStateUnchanged() throws Exception {
        byte[] genuine = alice.seal(utf8("a secret"));
        int sealedAt = EnvelopeHeader.parse(genuine).bodyOffset() + 8;
        for (int index : new int[] {sealedAt, sealedAt + 3, genuine.length - 16, genuine.length - 1}) {
            byte[] tampered = genuine.clone();
            tampered[index] ^= 0x01;
            assertThatThrownBy(() -> open(bob, tampered)).as("byte %d flipped", index)
                    .isInstanceOf(AEADBadTagException.class);
        }
        Opened opened = open(bob, genuine);
        assertThat(text(opened)).isEqualTo("a secret");
        assertThat(opened.missed()).isZero();
    }

    @Test
    void open_tamperedCounterRejectedAndStateUnchanged() throws Exception {
        byte[] genuine = alice.seal(utf8("zero"));
        int counterAt = EnvelopeHeader.parse(genuine).bodyOffset();
        for (int i = 0; i < 8; i++) {
            byte[] tampered = genuine.clone();
            tampered[counterAt + i] ^= 0x01;
            assertThatThrownBy(() -> open(bob, tampered)).as("counter byte %d", i)
                    .isInstanceOf(AEADBadTagException.class);
        }
        Opened opened = open(bob, genuine);
        assertThat(opened.counter()).isZero();
        assertThat(opened.missed()).isZero();
    }

    @Test
    void open_tamperedHeaderRejectedAndStateUnchanged() throws Exception {
        byte[] genuine = alice.seal(utf8("hi"));
        List<byte[]> forgeries = List.of(
                readdressed(genuine, "carol", "bob", "lobby"),
                readdressed(genuine, "alice", "dave", "lobby"),
                readdressed(genuine, "alice", "bob", "other"),
                readdressed(genuine, "alicf", "bob", "lobby"));
        for (byte[] forged : forgeries) {
            assertThatThrownBy(() -> open(bob, forged)).isInstanceOf(GeneralSecurityException.class);
        }
        assertThat(text(open(bob, genuine))).isEqualTo("hi");
    }

    @Test
    void open_nonDataTypeRejected() throws Exception {
        // Same names, but the frame claims a different type: only DATA frames belong to a session.
        byte[] genuine = alice.seal(utf8("hi"));
        byte[] retyped = genuine.clone();
        retyped[1] = (byte) FrameType.HANDSHAKE_FINISH.code();
        assertThatThrownBy(() -> open(bob, retyped)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("does not belong");
        assertThat(text(open(bob, genuine))).isEqualTo("hi");
    }

    @Test
    void open_ownFrameReflectedBackRejected() throws Exception {
        byte[] own = alice.seal(utf8("to bob"));
        assertThatThrownBy(() -> open(alice, own)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("does not belong");
        // Re-addressed so that it seems to come from Bob: the other direction's key does not open it.
        byte[] disguised = readdressed(own, "bob", "alice", "lobby");
        assertThatThrownBy(() -> open(alice, disguised)).isInstanceOf(AEADBadTagException.class);
        assertThat(text(open(bob, own))).isEqualTo("to bob");
    }

    @Test
    void open_tooShortToBeGenuine() throws Exception {
        byte[] header = new WireWriter().u8(1).u8(FrameType.DATA.code()).str8("alice").str8("bob").str8("lobby")
                .toByteArray();
        for (int extra : new int[] {0, 7, 8, 8 + 15}) {
            byte[] frame = Arrays.copyOf(header, header.length + extra);
            assertThatThrownBy(() -> open(bob, frame)).isInstanceOf(AEADBadTagException.class)
                    .hasMessageContaining("too short");
        }
    }

    @Test
    void open_bothDirectionsIndependent() throws Exception {
        byte[] toBob = alice.seal(utf8("a"));
        byte[] toAlice = bob.seal(utf8("b"));
        assertThat(counterOf(toBob)).isEqualTo(counterOf(toAlice)).isZero();
        assertThat(Arrays.copyOfRange(toBob, toBob.length - 17, toBob.length))
                .isNotEqualTo(Arrays.copyOfRange(toAlice, toAlice.length - 17, toAlice.length));
        assertThat(text(open(alice, toAlice))).isEqualTo("b");
        assertThat(text(open(bob, toBob))).isEqualTo("a");
    }

    @Test
    void accessors_returnCopies() {
        byte[] hash = alice.sessionHash();
        hash[0] ^= 1;
        assertThat(alice.sessionHash()).isNotEqualTo(hash).isEqualTo(bob.sessionHash());
        byte[] key = alice.peerIdentityKey();
        key[0] ^= 1;
        assertThat(alice.peerIdentityKey()).isNotEqualTo(key);
        assertThat(alice.peer()).isEqualTo("bob");
        assertThat(alice.room()).isEqualTo("lobby");
        assertThat(alice.safetyCode()).isEqualTo(bob.safetyCode());
    }

    @Test
    void destroy_furtherSealAndOpenFail() throws Exception {
        byte[] pending = alice.seal(utf8("in flight"));
        alice.destroy();
        bob.destroy();
        assertThatThrownBy(() -> alice.seal(utf8("after"))).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> open(bob, pending)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void destroy_refusesEvenWhenTheAeadKeyWouldStillWork() throws Exception {
        // An AEAD whose keys ignore destroy(): the session itself must stop, not encrypt under a zero key.
        CipherSuite lenient = new CipherSuite(new X448KeyAgreement(), new HkdfSha256(), new LenientAead());
        SecureSession[] pair = handshake(lenient, Tracer.NONE);
        byte[] before = pair[0].seal(utf8("before"));
        assertThat(text(open(pair[1], before))).isEqualTo("before");

        pair[0].destroy();
        pair[1].destroy();

        assertThatThrownBy(() -> pair[0].seal(utf8("after"))).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("erased");
        assertThatThrownBy(() -> open(pair[1], before)).isInstanceOf(GeneralSecurityException.class);
    }

    /** AES-128-GCM through the JDK whose key objects keep working after destroy() (a careless plugin). */
    private static final class LenientAead implements Aead {
        private record Key(byte[] bytes) implements AeadKey {
            @Override
            public String aeadId() {
                return "AES-128-GCM-LENIENT";
            }

            @Override
            public void destroy() {
                Arrays.fill(bytes, (byte) 0);
            }
        }

        @Override
        public String id() {
            return "AES-128-GCM-LENIENT";
        }

        @Override
        public int keyLength() {
            return 16;
        }

        @Override
        public int nonceLength() {
            return 12;
        }

        @Override
        public int tagLength() {
            return 16;
        }

        @Override
        public AeadKey importKey(byte[] rawKey) {
            return new Key(rawKey.clone());
        }

        @Override
        public byte[] seal(AeadKey key, byte[] nonce, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
            return run(Cipher.ENCRYPT_MODE, key, nonce, plaintext, aad);
        }

        @Override
        public byte[] open(AeadKey key, byte[] nonce, byte[] sealed, byte[] aad) throws GeneralSecurityException {
            return run(Cipher.DECRYPT_MODE, key, nonce, sealed, aad);
        }

        private static byte[] run(int mode, AeadKey key, byte[] nonce, byte[] input, byte[] aad)
                throws GeneralSecurityException {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(((Key) key).bytes(), "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        }
    }
}
