package dev.blindrelay.cli.docs;

import dev.blindrelay.client.ChatPayload;
import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeFinish;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.identity.SafetyNumber;
import dev.blindrelay.registry.PluginRegistry;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.trace.TraceEvent;
import dev.blindrelay.testing.RecordingTracer;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.FrameType;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Produces the worked example of docs/PROTOCOL.md by running a real handshake and one message, recording every
 * value through the trace. Alice offers the post-quantum hybrid suite, then X25519 + ChaCha20; Bob accepts the
 * same two in the other order, and the rule (the first suite of the offer that the responder accepts) picks the
 * hybrid. Values are named so that {@link IndependentCheck} can recompute them.
 */
final class ProtocolExample {

    static final String ROOM = "lobby";
    /** Alice, Bob, Alice, Bob: the first three each turn the conversation, the fourth stays in Bob's epoch. */
    static final String[] MESSAGES = {"Hello Bob!", "Hi Alice!", "How are you?", "Fine, thanks."};
    /**
     * A ratchet that steps at most once a day: each side steps once (a first step is never held back), so the
     * fourth message shows an epoch whose key material the peer has seen, and which no longer carries it.
     */
    static final SessionOptions SESSION = SessionOptions.defaults().withStepInterval(java.time.Duration.ofDays(1));
    static final String OFFER = "pq,x25519-chacha";
    static final String BOB_ACCEPTS = "x25519-chacha,pq";

    private ProtocolExample() {
    }

    /** Runs a fresh handshake and one DATA frame; returns the values in document order. */
    static Map<String, String> generate() throws Exception {
        PluginRegistry registry = PluginRegistry.load();
        SuitePreference offer = registry.suiteResolver().resolveList(OFFER);
        SuitePreference bobAccepts = registry.suiteResolver().resolveList(BOB_ACCEPTS);
        IdentityKeyPair alice = IdentityKeyPair.generate(new SecureRandom());
        IdentityKeyPair bob = IdentityKeyPair.generate(new SecureRandom());
        RecordingTracer aliceTracer = new RecordingTracer();
        RecordingTracer bobTracer = new RecordingTracer();
        Initiator initiator = Initiator.start(new HandshakeContext(offer, alice, "Alice", "Bob", ROOM, aliceTracer,
                SESSION));
        HandshakeInit init = initiator.message();
        Responder responder = Responder.accept(new HandshakeContext(bobAccepts, bob, "Bob", "Alice", ROOM, bobTracer,
                SESSION), init);
        HandshakeResponse response = responder.message();
        Initiator.Completed completed = initiator.receive(response);
        SecureSession aliceSession = completed.session();
        SecureSession bobSession = responder.finish(completed.finish());
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int i = 0; i < MESSAGES.length; i++) {
            byte[] plaintext = new ChatPayload(ChatPayload.Kind.ROOM, i + 1, MESSAGES[i]).encode();
            byte[] frame = (fromAlice(i) ? aliceSession : bobSession).seal(plaintext);
            byte[] opened = (fromAlice(i) ? bobSession : aliceSession).open(
                    dev.blindrelay.wire.EnvelopeHeader.parse(frame), frame).plaintext();
            if (!java.util.Arrays.equals(opened, plaintext)) {
                throw new IllegalStateException("example message " + (i + 1) + " does not decrypt");
            }
            frames.add(frame);
        }

        List<TraceEvent> aliceTrace = aliceTracer.events();
        List<TraceEvent> bobTrace = bobTracer.events();
        Map<String, String> v = new LinkedHashMap<>();
        v.put("offer", String.join(", ", offer.ids()));
        v.put("bob.accepts", String.join(", ", bobAccepts.ids()));
        v.put("suite", completed.session().suite().id());
        v.put("room", ROOM);
        v.put("initiator", "Alice");
        v.put("responder", "Bob");
        v.put("alice.identity.private", hex(alice.privateKey()));
        v.put("alice.identity.public", hex(alice.publicKey()));
        v.put("bob.identity.private", hex(bob.privateKey()));
        v.put("bob.identity.public", hex(bob.publicKey()));
        for (TraceEvent keyPair : aliceTrace.stream().filter(e -> e.step().equals("ephemeral-keypair")).toList()) {
            String name = "alice." + keyPair.value("key agreement").toLowerCase(java.util.Locale.ROOT);
            v.put(name + ".private", keyPair.value("private key"));
            v.put(name + ".public", keyPair.value("public key"));
        }
        v.put("bob.ephemeral.private", first(bobTrace, "ephemeral-keypair", "private key"));
        v.put("bob.ephemeral.public", first(bobTrace, "ephemeral-keypair", "public key"));
        v.put("frame.init", hex(frame(FrameType.HANDSHAKE_INIT, "Alice", "Bob", init.encode())));
        v.put("frame.response", hex(frame(FrameType.HANDSHAKE_RESPONSE, "Bob", "Alice", response.encode())));
        v.put("frame.finish", hex(frame(FrameType.HANDSHAKE_FINISH, "Alice", "Bob", completed.finish().encode())));
        v.put("shared.secret", first(aliceTrace, "shared-secret", "shared secret"));
        v.put("shared.secret.mlkem768", first(aliceTrace, "shared-secret", "shared secret, MLKEM768 part"));
        v.put("shared.secret.x25519", first(aliceTrace, "shared-secret", "shared secret, X25519 part"));
        int n = 1;
        for (TraceEvent event : aliceTrace) {
            if (event.step().equals("transcript")) {
                v.put(String.format("transcript.%02d", n++), event.value("hash"));
            }
        }
        v.put("prk", first(aliceTrace, "hkdf-extract", "prk"));
        for (String key : List.of("root key", "i2r chain key", "r2i chain key")) {
            v.put(key.replace(' ', '.'), first(aliceTrace, "ratchet-keys", key));
        }
        v.put("responder.confirm", hex(response.confirmation()));
        v.put("initiator.confirm", hex(completed.finish().confirmation()));
        v.put("safety.code", completed.session().safetyCode());
        v.put("safety.number", SafetyNumber.of("Alice", alice.publicKey(), "Bob", bob.publicKey()).replace('\n', ' '));
        v.put("alice.share.1.private", first(aliceTrace, "ratchet-share", "share private"));
        List<TraceEvent> aliceSeals = aliceTrace.stream().filter(e -> e.step().equals("seal")).toList();
        List<TraceEvent> bobSeals = bobTrace.stream().filter(e -> e.step().equals("seal")).toList();
        for (int i = 0, a = 0, b = 0; i < MESSAGES.length; i++) {
            TraceEvent seal = fromAlice(i) ? aliceSeals.get(a++) : bobSeals.get(b++);
            String m = "message." + (i + 1);
            if (i == 1) {
                stepValues(v, "bob", 2, bobTrace);
            } else if (i == 2) {
                stepValues(v, "alice", 3, aliceTrace);
            }
            v.put(m + ".text", MESSAGES[i]);
            v.put(m + ".plaintext", seal.value("plaintext"));
            v.put(m + ".chain.key", seal.value("chain key"));
            v.put(m + ".message.key", seal.value("message key"));
            v.put(m + ".nonce", seal.value("nonce"));
            v.put(m + ".frame", hex(frames.get(i)));
        }
        return v;
    }

    /** Alice sends the first and third messages, Bob the second and fourth. */
    static boolean fromAlice(int index) {
        return index % 2 == 0;
    }

    /** A step's values, from the trace of the side that took it. */
    private static void stepValues(Map<String, String> v, String side, int epoch, List<TraceEvent> trace) {
        TraceEvent step = trace.stream().filter(e -> e.step().equals("ratchet-step"))
                .filter(e -> e.value("epoch").equals(String.valueOf(epoch))).findFirst().orElseThrow();
        v.put(side + ".share." + epoch + ".private", step.value("share private"));
        v.put("step." + epoch + ".secret", step.value("shared secret"));
        v.put("step." + epoch + ".root.key", step.value("root key"));
        v.put("step." + epoch + ".chain.key", step.value("chain key"));
    }

    /** The markdown block between the example markers. */
    static String markdown(Map<String, String> v) {
        StringBuilder md = new StringBuilder();
        md.append("Generated by running the real code: Alice initiates, Bob responds, in room `lobby`. Alice offers ")
                .append("the post-quantum hybrid first, then X25519 + ChaCha20-Poly1305; Bob accepts both, in the ")
                .append("other order. The rule of §5 picks the first suite of Alice's offer that Bob accepts: `")
                .append(v.get("suite")).append("`.\nPrivate keys are shown because this is an example; the values ")
                .append("are recomputed from scratch by the test, with the JDK's own primitives and BouncyCastle's ")
                .append("ML-KEM-768 (Java 17 has none).\n\n");
        section(md, "The setting", v, "offer", "bob.accepts", "suite", "room", "initiator", "responder");
        section(md, "Long-term identity keys (Ed25519: 32-byte seed, 32-byte public key)", v,
                "alice.identity.private", "alice.identity.public", "bob.identity.private", "bob.identity.public");
        section(md, "Alice's key shares, one per key agreement offered. X25519MLKEM768: private = ML-KEM-768 seed "
                        + "d || z (64) || X25519 private key (32); public = ML-KEM-768 encapsulation key (1184) || "
                        + "X25519 public key (32). X25519: 32-byte private key, 32-byte public key (unused: Bob chose "
                        + "the hybrid)", v,
                "alice.x25519mlkem768.private", "alice.x25519mlkem768.public", "alice.x25519.private",
                "alice.x25519.public");
        section(md, "Bob's answer: his X25519 private key, and his message = ML-KEM-768 ciphertext (1088) || X25519 "
                + "public key (32)", v, "bob.ephemeral.private", "bob.ephemeral.public");
        section(md, "The three handshake frames, as envelopes (over TCP each is preceded by its u32 length)", v,
                "frame.init", "frame.response", "frame.finish");
        section(md, "Shared secret = ML-KEM-768 shared secret || X25519 shared secret, and the transcript hash after "
                        + "each of the 15 fields of §6 (field 4: the session type, ratchet)", v,
                "shared.secret", "shared.secret.mlkem768", "shared.secret.x25519", "transcript.01", "transcript.02",
                "transcript.03", "transcript.04", "transcript.05", "transcript.06", "transcript.07", "transcript.08",
                "transcript.09", "transcript.10", "transcript.11", "transcript.12", "transcript.13", "transcript.14",
                "transcript.15");
        section(md, "Key schedule (§7), ratchet session: PRK = HKDF-Extract(salt = transcript.11 = h1, IKM = "
                        + "shared.secret); root key and first chain keys from it", v,
                "prk", "root.key", "i2r.chain.key", "r2i.chain.key", "responder.confirm", "initiator.confirm",
                "safety.code");
        section(md, "Safety number (§10) of Alice's and Bob's identity keys: the same in every session of theirs", v,
                "safety.number");
        md.append("**The ratchet (§8.2): four messages, two asymmetric steps.** Each message: its chain key, the message ")
                .append("key from one chain step (`chain.key` of the next message in the same chain is the first 32 ")
                .append("bytes of that step), the nonce `0...0 || u32 epoch || u32 n`, and the frame; AAD = the frame up ")
                .append("to the ciphertext. A share's private key is in the same layout as the handshake's (for ")
                .append("X25519MLKEM768: ML-KEM-768 seed d || z, then the X25519 private key); its public value is in ")
                .append("the frame that carries it. The example's sessions step at most once a day, so each side ")
                .append("steps once: message 4 stays in Bob's epoch 2 and, Alice having seen it, carries no key ")
                .append("material.\n\n");
        message(md, v, 1, "Alice, epoch 1, n 0: her first messages carry the share she generated when the session "
                + "began (response empty), for Bob to answer", "alice.share.1.private");
        message(md, v, 2, "Bob's step, epoch 2 = 1 + the epoch of the share he answers: response = respond(Alice's "
                        + "share 1) gives step.2.secret; (root key, chain key) = root step(root.key, secret); his new "
                        + "share 2 is attached", "bob.share.2.private", "step.2.secret", "step.2.root.key",
                "step.2.chain.key");
        message(md, v, 3, "Alice's step, epoch 3: she answers Bob's share 2 (Bob gets the secret with finish and his "
                        + "share 2's private key); previous = 1, the messages of her epoch 1", "alice.share.3.private",
                "step.3.secret", "step.3.root.key", "step.3.chain.key");
        message(md, v, 4, "Bob again, still epoch 2 (n 1, seen 3): Alice's message 3 said seen = 2, so his key "
                + "material no longer rides along");
        return md.toString();
    }

    private static void message(StringBuilder md, Map<String, String> v, int number, String title, String... before) {
        String m = "message." + number;
        String[] keys = new String[before.length + 6];
        System.arraycopy(before, 0, keys, 0, before.length);
        String[] own = {m + ".text", m + ".plaintext", m + ".chain.key", m + ".message.key", m + ".nonce", m + ".frame"};
        System.arraycopy(own, 0, keys, before.length, own.length);
        section(md, "Message " + number + ": " + title, v, keys);
    }

    private static void section(StringBuilder md, String title, Map<String, String> v, String... keys) {
        md.append("**").append(title).append("**\n\n```text\n");
        for (String key : keys) {
            String value = v.get(key);
            md.append(String.format("%-28s = ", key));
            if (value.matches("[0-9a-f]+") && value.length() > 64) {
                for (int i = 0; i < value.length(); i += 64) {
                    if (i > 0) {
                        md.append('\n').append(" ".repeat(31));
                    }
                    md.append(value, i, Math.min(value.length(), i + 64));
                }
            } else {
                md.append(value);
            }
            md.append('\n');
        }
        md.append("```\n\n");
    }

    /** Reads the values back from a document produced by {@link #markdown}. */
    static Map<String, String> parse(String markdown) {
        Map<String, String> v = new LinkedHashMap<>();
        String last = null;
        for (String line : markdown.split("\n")) {
            if (line.matches("[a-z0-9.]+\\s+= .*")) {
                int eq = line.indexOf(" = ");
                last = line.substring(0, eq).strip();
                v.put(last, line.substring(eq + 3).strip());
            } else if (last != null && line.matches(" {31}[0-9a-f]+")) {
                v.put(last, v.get(last) + line.strip());
            } else {
                last = null;
            }
        }
        return v;
    }

    private static byte[] frame(FrameType type, String from, String to, byte[] body) {
        return new Envelope(type, from, to, ROOM, body).encode();
    }

    private static String first(List<TraceEvent> trace, String step, String value) {
        return trace.stream().filter(e -> e.step().equals(step)).map(e -> e.value(value))
                .filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + step + "/" + value + " in the trace"));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
