package dev.blindrelay.cli.compare;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.MalformedFrameException;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Encrypt+decrypt speed through an established session: one side seals a DATA frame, the other opens it, as
 * in a chat, so the figure includes the nonce, the associated data and the frame copies, not only the
 * cipher. MB means 10^6 bytes of plaintext that went through both seal and open.
 */
final class Throughput {

    private Throughput() {
    }

    /** MB/s at each size, in the order of {@code sizes}, all through the same pair of sessions. */
    static List<Double> megabytesPerSecond(SecureSession sender, SecureSession receiver, List<Integer> sizes,
                                           TimeBox box) throws GeneralSecurityException {
        List<TimeBox.Operation> roundTrips = new ArrayList<>();
        for (int size : sizes) {
            roundTrips.add(roundTrip(sender, receiver, size));
        }
        // Every size is warmed up before any is timed: a pure-Java cipher (ChaCha20 on Java 17) takes the
        // JIT seconds to compile on a busy machine, and the first size measured would otherwise pay for it
        // alone (64 B varied 15x between runs).
        for (TimeBox.Operation roundTrip : roundTrips) {
            box.warmUp(roundTrip);
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            rates.add(box.perSecond(roundTrips.get(i)) * sizes.get(i) / 1e6);
        }
        return rates;
    }

    /** The sender seals one message of {@code size} bytes and the receiver opens it; returns its length. */
    private static TimeBox.Operation roundTrip(SecureSession sender, SecureSession receiver, int size)
            throws GeneralSecurityException {
        byte[] plaintext = new byte[size];
        new Random(size).nextBytes(plaintext); // content does not change the speed; fixed for repeatability
        // Every frame of one direction has the same routing header (the rest is in the body), so it
        // is parsed once: the loop then times the session alone.
        EnvelopeHeader header = header(sender.seal(plaintext));
        return () -> {
            byte[] frame = sender.seal(plaintext);
            return receiver.open(header, frame).plaintext().length;
        };
    }

    private static EnvelopeHeader header(byte[] frame) {
        try {
            return EnvelopeHeader.parse(frame);
        } catch (MalformedFrameException e) {
            throw new IllegalStateException("a frame SecureSession sealed does not parse: " + e.getMessage(), e);
        }
    }
}
