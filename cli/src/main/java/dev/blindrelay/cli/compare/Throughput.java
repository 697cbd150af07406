package dev.blindrelay.cli.compare;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.wire.EnvelopeHeader;
import dev.blindrelay.wire.MalformedFrameException;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Encrypt+decrypt speed through an established session: Alice seals a DATA frame, Bob opens it, as
 * in a chat, so the figure includes the nonce, the associated data and the frame copies, not only the
 * cipher. MB means 10^6 bytes of plaintext that went through both seal and open.
 */
final class Throughput {

    private Throughput() {
    }

    /** MB/s at each size, in the order of {@code sizes}, all through the same pair of sessions. */
    static List<Double> megabytesPerSecond(InMemoryHandshake.Result sessions, List<Integer> sizes, TimeBox box)
            throws GeneralSecurityException {
        List<Double> rates = new ArrayList<>();
        for (int size : sizes) {
            rates.add(megabytesPerSecond(sessions.initiatorSession(), sessions.responderSession(), size, box));
        }
        return rates;
    }

    private static double megabytesPerSecond(SecureSession sender, SecureSession receiver, int size, TimeBox box)
            throws GeneralSecurityException {
        byte[] plaintext = new byte[size];
        new Random(size).nextBytes(plaintext); // content does not change the speed; fixed for repeatability
        // Every frame from Alice to Bob has the same routing header (the counter is in the body), so it
        // is parsed once: the loop then times the session alone.
        EnvelopeHeader header = header(sender.seal(plaintext));
        double perSecond = box.perSecond(() -> {
            byte[] frame = sender.seal(plaintext);
            return receiver.open(header, frame).plaintext().length;
        });
        return perSecond * size / 1e6;
    }

    private static EnvelopeHeader header(byte[] frame) {
        try {
            return EnvelopeHeader.parse(frame);
        } catch (MalformedFrameException e) {
            throw new IllegalStateException("a frame SecureSession sealed does not parse: " + e.getMessage(), e);
        }
    }
}
