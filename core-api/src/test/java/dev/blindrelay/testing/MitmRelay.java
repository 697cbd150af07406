package dev.blindrelay.testing;

import dev.blindrelay.client.ChatPayload;
import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.HandshakeFinish;
import dev.blindrelay.handshake.HandshakeInit;
import dev.blindrelay.handshake.HandshakeResponse;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.Envelope;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.FrameType;
import dev.blindrelay.wire.MalformedFrameException;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A full man in the middle, as an {@link InterceptingHandler.Interceptor}: for every handshake that passes
 * the relay it runs two real handshakes of its own (with the core {@link Initiator} and {@link Responder}),
 * one with each side, under identity keys it made up for each name. Afterwards it decrypts every DATA
 * frame and re-encrypts it for the other side, so the chat works and the relay reads everything.
 *
 * <p>What must still give it away: the two sides' safety codes differ, and a pinned identity key no
 * longer matches.
 */
public final class MitmRelay implements InterceptingHandler.Interceptor {

    private final CipherSuite suite;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IdentityKeyPair> fakeIdentities = new HashMap<>();
    private final Map<String, Pair> pairs = new HashMap<>();
    private final List<String> plaintexts = new ArrayList<>();
    private final List<Exception> failures = new ArrayList<>();
    private UnaryOperator<byte[]> rewrite = UnaryOperator.identity();

    public MitmRelay(CipherSuite suite) {
        this.suite = suite;
    }

    /** One intercepted handshake between an initiator and a responder, split in two. */
    private static final class Pair {
        final String initiator;
        final String responder;
        /** Mallory posing as the responder, towards the real initiator. */
        Responder towardsInitiator;
        /** Mallory posing as the initiator, towards the real responder. */
        Initiator towardsResponder;
        HandshakeFinish finishForResponder;
        SecureSession withInitiator;
        SecureSession withResponder;

        Pair(String initiator, String responder) {
            this.initiator = initiator;
            this.responder = responder;
        }
    }

    /** The identity key Mallory presents when she pretends to be {@code name}. */
    public synchronized IdentityKeyPair identityFor(String name) {
        return fakeIdentities.computeIfAbsent(name, n -> IdentityKeyPair.generate(random));
    }

    /** Mallory changes every plaintext she passes on (messages and acknowledgements) with {@code value}. */
    public synchronized void rewritePlaintexts(UnaryOperator<byte[]> value) {
        rewrite = value;
    }

    /** Chat texts Mallory decrypted, as "from -> to: text". */
    public synchronized List<String> plaintexts() {
        return List.copyOf(plaintexts);
    }

    /** Frames Mallory could not process (they were passed on unchanged). */
    public synchronized List<Exception> failures() {
        return List.copyOf(failures);
    }

    @Override
    public synchronized List<byte[]> intercept(String toLinkDescription, byte[] frame) {
        EnvelopeHeader header;
        try {
            header = EnvelopeHeader.parse(frame);
        } catch (MalformedFrameException e) {
            return List.of(frame);
        }
        if (!header.type().isPeerToPeer()) {
            return List.of(frame);
        }
        try {
            byte[] body = Envelope.parse(frame).body();
            String from = header.sender();
            String to = header.recipient();
            String room = header.room();
            switch (header.type()) {
                case HANDSHAKE_INIT -> {
                    Pair pair = new Pair(from, to);
                    pairs.put(key(from, to), pair);
                    pair.towardsInitiator = Responder.accept(context(to, from, room), HandshakeInit.parse(body));
                    pair.towardsResponder = Initiator.start(context(from, to, room));
                    return List.of(frame(FrameType.HANDSHAKE_INIT, from, to, room,
                            pair.towardsResponder.message().encode()));
                }
                case HANDSHAKE_RESPONSE -> {
                    Pair pair = require(to, from);
                    Initiator.Completed completed = pair.towardsResponder.receive(HandshakeResponse.parse(body));
                    pair.withResponder = completed.session();
                    pair.finishForResponder = completed.finish();
                    return List.of(frame(FrameType.HANDSHAKE_RESPONSE, from, to, room,
                            pair.towardsInitiator.message().encode()));
                }
                case HANDSHAKE_FINISH -> {
                    Pair pair = require(from, to);
                    pair.withInitiator = pair.towardsInitiator.finish(HandshakeFinish.parse(body));
                    return List.of(frame(FrameType.HANDSHAKE_FINISH, from, to, room, pair.finishForResponder.encode()));
                }
                case DATA -> {
                    Pair pair = pairs.containsKey(key(from, to)) ? pairs.get(key(from, to)) : require(to, from);
                    boolean fromInitiator = from.equals(pair.initiator);
                    SecureSession inbound = fromInitiator ? pair.withInitiator : pair.withResponder;
                    SecureSession outbound = fromInitiator ? pair.withResponder : pair.withInitiator;
                    Opened opened = inbound.open(header, frame);
                    if (opened.plaintext()[0] != dev.blindrelay.client.Acknowledgement.KIND) {
                        plaintexts.add(from + " -> " + to + ": " + ChatPayload.parse(opened.plaintext()).text());
                    }
                    return List.of(outbound.seal(rewrite.apply(opened.plaintext())));
                }
                default -> {
                    return List.of(frame);
                }
            }
        } catch (GeneralSecurityException | MalformedFrameException | RuntimeException e) {
            failures.add(e);
            return List.of(frame);
        }
    }

    private HandshakeContext context(String self, String peer, String room) {
        return new HandshakeContext(suite, identityFor(self), self, peer, room, Tracer.NONE);
    }

    private Pair require(String initiator, String responder) {
        Pair pair = pairs.get(key(initiator, responder));
        if (pair == null) {
            throw new IllegalStateException("no intercepted handshake between " + initiator + " and " + responder);
        }
        return pair;
    }

    private static String key(String initiator, String responder) {
        return initiator + "\u0000" + responder;
    }

    private static byte[] frame(FrameType type, String from, String to, String room, byte[] body) {
        return new Envelope(type, from, to, room, body).encode();
    }
}
