package dev.blindrelay.wire;

import dev.blindrelay.client.Acknowledgement;
import dev.blindrelay.client.ChatPayload;
import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeFinish;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeReject;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parser of untrusted bytes, fed random and mutated inputs: each must either return or throw a
 * {@link MalformedFrameException} (a {@link GeneralSecurityException} for a session opening a DATA frame),
 * never anything else, and never hang (each input runs under a watchdog). Where the encoding is
 * canonical, whatever parses must re-encode to the same bytes.
 *
 * <p>Inputs per run: 15,000 + 25,000 random or mutated frames, 20,000 + 40,000 random or mutated bodies
 * (each given to all nine body parsers) and 10,000 mutated DATA frames: 110,000 in all.
 */
class MalformedInputPropertyTest {

    private static final long WATCHDOG_MS = 2_000;
    private static final FrameType[] DEFINED_TYPES = java.util.Arrays.stream(FrameType.values())
            .filter(type -> type != FrameType.UNDEFINED_PEER_TO_PEER).toArray(FrameType[]::new);
    private static final ExecutorService WATCHDOG = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parser-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private static final List<String> NAMES = List.of("alice", "bob", "émile", "日本", "x", "a".repeat(32));
    private static final byte[] INTERESTING = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x20, 0x10, 0x02};

    @AfterContainer
    static void stopWatchdog() {
        WATCHDOG.shutdownNow();
    }

    // ---- properties ----

    @Property(tries = 15_000, shrinking = ShrinkingMode.OFF)
    void envelope_randomBytes(@ForAll("frameLikeBytes") byte[] input) {
        watched(input, () -> parseEnvelope(input));
    }

    @Property(tries = 25_000, shrinking = ShrinkingMode.OFF)
    void envelope_mutatedValidFrames(@ForAll("validFrames") byte[] frame, @ForAll long seed) {
        byte[] input = mutate(frame, new Random(seed));
        watched(input, () -> parseEnvelope(input));
    }

    @Property(tries = 20_000, shrinking = ShrinkingMode.OFF)
    void bodies_randomBytes(@ForAll @Size(max = 200) byte[] input) {
        watched(input, () -> parseBodies(input));
    }

    @Property(tries = 40_000, shrinking = ShrinkingMode.OFF)
    void bodies_mutatedValidBodies(@ForAll("validBodies") byte[] body, @ForAll long seed) {
        byte[] input = mutate(body, new Random(seed));
        watched(input, () -> parseBodies(input));
    }

    @Property(tries = 10_000, shrinking = ShrinkingMode.OFF)
    void open_mutatedDataFrames(@ForAll("sealedFrameIndex") int index, @ForAll long seed) {
        byte[] original = Sessions.FRAMES.get(index);
        byte[] input = mutate(original, new Random(seed));
        watched(input, () -> {
            EnvelopeHeader header;
            try {
                header = EnvelopeHeader.parse(input);
            } catch (MalformedFrameException e) {
                return;
            }
            try {
                Sessions.RECEIVER.open(header, input);
                // Only an unmodified frame may authenticate (and then only once).
                assertThat(input).as("a mutated frame authenticated").isEqualTo(original);
            } catch (GeneralSecurityException e) {
                // rejected, as it must be
            }
        });
    }

    // ---- what each input goes through ----

    private static void parseEnvelope(byte[] input) throws MalformedFrameException {
        EnvelopeHeader header;
        try {
            header = EnvelopeHeader.parse(input);
        } catch (MalformedFrameException e) {
            assertThatThrows(() -> Envelope.parse(input));
            return;
        }
        assertThat(header.bodyOffset()).isBetween(5, input.length);
        if (header.type() == FrameType.UNDEFINED_PEER_TO_PEER) {
            assertThat(header.code()).isEqualTo(input[1] & 0xff).isGreaterThanOrEqualTo(0x10);
            assertThatThrows(() -> Envelope.parse(input));
            return;
        }
        Envelope envelope = Envelope.parse(input);
        assertThat(envelope.encode()).as("canonical envelope").isEqualTo(input);
    }

    private static void parseBodies(byte[] input) {
        canonical(input, () -> RelayMessages.members(RelayMessages.parseMembers(input)));
        canonical(input, () -> RelayMessages.name(RelayMessages.parseName(input)));
        canonical(input, () -> HandshakeInit.parse(input).encode());
        canonical(input, () -> HandshakeResponse.parse(input).encode());
        canonical(input, () -> HandshakeFinish.parse(input).encode());
        lenient(() -> RelayMessages.parseError(input));
        lenient(() -> RelayMessages.parseText(input));
        lenient(() -> HandshakeReject.parse(input));
        lenient(() -> ChatPayload.parse(input));
        canonical(input, () -> Acknowledgement.parse(input).encode());
    }

    private interface Parse {
        Object run() throws MalformedFrameException;
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Parses, and when that works, checks that re-encoding gives the input back. */
    private static void canonical(byte[] input, Parse parseAndEncode) {
        try {
            byte[] again = (byte[]) parseAndEncode.run();
            assertThat(again).as("canonical encoding").isEqualTo(input);
        } catch (MalformedFrameException expected) {
            // rejected with the one allowed exception
        }
    }

    private static void lenient(Parse parse) {
        try {
            parse.run();
        } catch (MalformedFrameException expected) {
            // rejected with the one allowed exception
        }
    }

    private static void assertThatThrows(Parse parse) {
        try {
            parse.run();
            throw new AssertionError("Envelope.parse accepted what EnvelopeHeader.parse refused");
        } catch (MalformedFrameException expected) {
            // consistent
        }
    }

    /** Runs {@code check} on the watchdog thread; anything but a clean return fails with the input. */
    private static void watched(byte[] input, Check check) {
        Future<?> result = WATCHDOG.submit(() -> {
            check.run();
            return null;
        });
        try {
            result.get(WATCHDOG_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new AssertionError("parsing did not finish within " + WATCHDOG_MS + " ms: " + hex(input));
        } catch (ExecutionException e) {
            throw new AssertionError("unexpected " + e.getCause() + " for input " + hex(input), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String hex(byte[] input) {
        return HexFormat.of().formatHex(input);
    }

    // ---- inputs ----

    /** Random bytes that mostly start like a frame (version 1, a known type), so parsing gets past byte 2. */
    @Provide
    Arbitrary<byte[]> frameLikeBytes() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, raw),
                net.jqwik.api.Tuple.of(3, raw.map(bytes -> {
                    byte[] out = Arrays.copyOf(bytes, Math.max(2, bytes.length));
                    out[0] = 1;
                    FrameType[] types = DEFINED_TYPES;
                    out[1] = (byte) types[Math.floorMod(out.length, types.length)].code();
                    return out;
                })));
    }

    @Provide
    Arbitrary<byte[]> validFrames() {
        return Arbitraries.longs().map(seed -> {
            Random random = new Random(seed);
            FrameType[] types = DEFINED_TYPES;
            FrameType type = types[random.nextInt(types.length)];
            byte[] body = random.nextBoolean() ? validBody(random) : randomBytes(random, random.nextInt(40));
            return new Envelope(type, random.nextInt(4) == 0 ? "" : pick(random), pick(random), pick(random), body)
                    .encode();
        });
    }

    @Provide
    Arbitrary<byte[]> validBodies() {
        return Arbitraries.longs().map(seed -> validBody(new Random(seed)));
    }

    @Provide
    Arbitrary<Integer> sealedFrameIndex() {
        return Arbitraries.integers().between(0, Sessions.FRAMES.size() - 1);
    }

    private static byte[] validBody(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> {
                List<String> members = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    members.add(pick(random));
                }
                yield RelayMessages.members(members);
            }
            case 1 -> RelayMessages.name(pick(random));
            case 2 -> RelayMessages.error(random.nextBoolean(), "reason " + pick(random));
            case 3 -> RelayMessages.text("notice " + pick(random));
            case 4 -> new HandshakeInit(2, List.of("X448_HKDF-SHA256_AES-128-GCM"), randomBytes(random, 32),
                    List.of(new HandshakeInit.KeyShareEntry("X448", randomBytes(random, 56)))).encode();
            case 5 -> new HandshakeResponse(2, "X448_HKDF-SHA256_AES-128-GCM", List.of("X448_HKDF-SHA256_AES-128-GCM"),
                    randomBytes(random, 32), randomBytes(random, 56), randomBytes(random, 64), randomBytes(random, 32))
                    .encode();
            case 6 -> new HandshakeFinish(randomBytes(random, 64), randomBytes(random, 32)).encode();
            case 7 -> new HandshakeReject(1 + random.nextInt(3), "X448_HKDF-SHA256_AES-128-GCM", "no " + pick(random))
                    .encode();
            default -> random.nextBoolean()
                    ? new ChatPayload(ChatPayload.Kind.values()[random.nextInt(2)], random.nextLong(), pick(random)).encode()
                    : new Acknowledgement(random.nextLong(), random.nextLong()).encode();
        };
    }

    private static String pick(Random random) {
        return NAMES.get(random.nextInt(NAMES.size()));
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** One to four random edits: bit flips, interesting bytes, truncation, insertion, deletion, duplication. */
    static byte[] mutate(byte[] input, Random random) {
        byte[] out = input.clone();
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            switch (random.nextInt(7)) {
                case 0 -> {
                    if (out.length > 0) {
                        out[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> {
                    if (out.length > 0) {
                        out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    }
                }
                case 2 -> {
                    if (out.length > 0) {
                        out[at] = (byte) random.nextInt(256);
                    }
                }
                case 3 -> out = Arrays.copyOf(out, out.length == 0 ? 0 : random.nextInt(out.length));
                case 4 -> {
                    byte[] inserted = randomBytes(random, 1 + random.nextInt(8));
                    out = splice(out, at, 0, inserted);
                }
                case 5 -> {
                    int length = Math.min(out.length - at, 1 + random.nextInt(8));
                    out = splice(out, at, Math.max(0, length), new byte[0]);
                }
                default -> {
                    int length = Math.min(out.length - at, 1 + random.nextInt(16));
                    out = splice(out, at, 0, Arrays.copyOfRange(out, at, at + Math.max(0, length)));
                }
            }
        }
        return out;
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }

    /** One real session pair and a pool of genuine DATA frames from Alice to Bob. */
    private static final class Sessions {
        static final SecureSession RECEIVER;
        static final List<byte[]> FRAMES;

        static {
            try {
                SecureRandom random = new SecureRandom();
                CipherSuite suite = TestSuites.x448Aes128();
                Initiator alice = Initiator.start(new HandshakeContext(suite, IdentityKeyPair.generate(random),
                        "alice", "bob", "lobby", Tracer.NONE));
                Responder bob = Responder.accept(new HandshakeContext(suite, IdentityKeyPair.generate(random),
                        "bob", "alice", "lobby", Tracer.NONE), alice.message());
                Initiator.Completed completed = alice.receive(bob.message());
                RECEIVER = bob.finish(completed.finish());
                List<byte[]> frames = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    frames.add(completed.session().seal(("message " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                FRAMES = List.copyOf(frames);
            } catch (GeneralSecurityException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
