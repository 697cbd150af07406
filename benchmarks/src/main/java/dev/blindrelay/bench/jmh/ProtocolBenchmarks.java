package dev.blindrelay.bench.jmh;

import dev.blindrelay.handshake.HandshakeContext;
import dev.blindrelay.handshake.Initiator;
import dev.blindrelay.handshake.Responder;
import dev.blindrelay.identity.IdentityKeyPair;
import dev.blindrelay.session.Opened;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.trace.Tracer;
import dev.blindrelay.wire.EnvelopeHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The protocol as a client runs it, in memory: no transport, no relay. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProtocolBenchmarks {

    @State(Scope.Thread)
    public static class Peers {
        @Param({"p256-aesgcm", "x25519-chacha"})
        public String suite;

        CipherSuite cipherSuite;
        IdentityKeyPair alice;
        IdentityKeyPair bob;

        @Setup
        public void setUp() {
            cipherSuite = Implementations.registry().suite(suite);
            SecureRandom random = new SecureRandom();
            alice = IdentityKeyPair.generate(random);
            bob = IdentityKeyPair.generate(random);
        }

        /** All three messages: two ephemeral key pairs, two agreements, two signatures and two verifications. */
        SecureSession[] handshake() throws GeneralSecurityException {
            Initiator initiator = Initiator.start(
                    new HandshakeContext(cipherSuite, alice, "alice", "bob", "lobby", Tracer.NONE));
            Responder responder = Responder.accept(
                    new HandshakeContext(cipherSuite, bob, "bob", "alice", "lobby", Tracer.NONE), initiator.message());
            Initiator.Completed completed = initiator.receive(responder.message());
            return new SecureSession[] {completed.session(), responder.finish(completed.finish())};
        }
    }

    @Benchmark
    public SecureSession[] handshake_full(Peers peers) throws GeneralSecurityException {
        return peers.handshake();
    }

    @State(Scope.Thread)
    public static class Session {
        SecureSession alice;
        SecureSession bob;
        byte[] message = new byte[1024];

        @Setup
        public void setUp(Peers peers) throws GeneralSecurityException {
            SecureSession[] pair = peers.handshake();
            alice = pair[0];
            bob = pair[1];
            Arrays.fill(message, (byte) 'x');
        }
    }

    /** One 1 KiB chat message: frame, counter nonce, seal on one side; parse, replay check, open on the other. */
    @Benchmark
    public Opened session_sealOpen1KiB(Session session) throws GeneralSecurityException, IOException {
        byte[] frame = session.alice.seal(session.message);
        return session.bob.open(EnvelopeHeader.parse(frame), frame);
    }
}
