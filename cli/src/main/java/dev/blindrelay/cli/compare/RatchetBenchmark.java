package dev.blindrelay.cli.compare;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionKind;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.CipherSuite;

import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The ratchet against static keys for one suite: sealed+opened messages per second through each, measured in
 * turns (static, ratchet, static, ratchet) so that both see the same machine, and asymmetric steps per second.
 */
final class RatchetBenchmark {

    /** The message size of the side-by-side figure: a chat message. */
    static final int SIZE = 1024;

    private RatchetBenchmark() {
    }

    static RatchetCost measure(CipherSuite suite, InMemoryHandshake parties, TimeBox box)
            throws GeneralSecurityException {
        InMemoryHandshake.Result staticPair = parties.run(suite, SessionOptions.of(SessionKind.STATIC));
        InMemoryHandshake.Result ratchetPair = parties.settled(suite);
        InMemoryHandshake.Result stepping = parties.run(suite, SessionOptions.defaults()
                .withStepInterval(Duration.ZERO));
        try {
            TimeBox.Operation staticMessage = oneWay(staticPair);
            TimeBox.Operation ratchetMessage = oneWay(ratchetPair);
            double staticRate = 0;
            double ratchetRate = 0;
            for (int round = 0; round < 2; round++) {
                staticRate = Math.max(staticRate, box.perSecond(staticMessage));
                ratchetRate = Math.max(ratchetRate, box.perSecond(ratchetMessage));
            }
            return new RatchetCost(SIZE, staticRate, ratchetRate, box.perSecond(turns(stepping)));
        } finally {
            staticPair.destroy();
            ratchetPair.destroy();
            stepping.destroy();
        }
    }

    /** Bob seals a {@link #SIZE}-byte message, Alice opens it. */
    private static TimeBox.Operation oneWay(InMemoryHandshake.Result pair) {
        byte[] plaintext = new byte[SIZE];
        return () -> InMemoryHandshake.deliver(pair.responderSession(), pair.initiatorSession(), plaintext);
    }

    /** Each call sends one small message the other way: with no step interval, every message is a step. */
    private static TimeBox.Operation turns(InMemoryHandshake.Result pair) {
        byte[] plaintext = new byte[64];
        SecureSession[] sides = {pair.initiatorSession(), pair.responderSession()};
        int[] turn = {0};
        return () -> {
            int from = turn[0]++ & 1;
            return InMemoryHandshake.deliver(sides[from], sides[1 - from], plaintext);
        };
    }
}
