package dev.blindrelay.testing;

import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.StolenSession;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scripted conversation between two established sessions, as two chat clients have it: each message is opened by
 * its receiver and answered by an acknowledgement (which, in a ratchet, is what turns the conversation), and every
 * frame is recorded, as a relay would. After message {@code theftAfter} a thief copies Bob's session state; at the
 * end it tries to read the whole recording with that copy.
 */
public final class Conversation {

    /** One chat message of the script. */
    public record Line(boolean fromAlice, String text) {
    }

    /** What the thief could do with one chat message. */
    public record Outcome(int number, Line line, boolean afterTheft, boolean readable, int frameIndex) {
    }

    private final List<byte[]> recording = new ArrayList<>();
    private final List<Integer> messageFrames = new ArrayList<>();
    private int theftFrame = -1;

    /**
     * @param theftAfter the number (from 1) of the message after which Bob's state is copied
     * @param delayed    the number of a message the relay holds back until after the next one (0: none): its key
     *                   is kept as skipped, then used and erased
     */
    public List<Outcome> run(SecureSession alice, SecureSession bob, List<Line> script, int theftAfter, int delayed)
            throws GeneralSecurityException {
        StolenSession thief = null;
        byte[] held = null;
        try {
            for (int i = 0; i < script.size(); i++) {
                Line line = script.get(i);
                SecureSession from = line.fromAlice() ? alice : bob;
                SecureSession to = line.fromAlice() ? bob : alice;
                messageFrames.add(recording.size());
                byte[] frame = record(from, line.text());
                if (i + 1 == delayed) {
                    held = frame;
                    continue;
                }
                open(to, frame);
                if (held != null) {
                    open(to, held);
                    held = null;
                }
                open(from, record(to, "ack " + (i + 1)));
                if (i + 1 == theftAfter) {
                    thief = bob.steal();
                    theftFrame = recording.size();
                }
            }
            return thiefReads(thief, script);
        } finally {
            if (thief != null) {
                thief.close();
            }
        }
    }

    private byte[] record(SecureSession from, String text) throws GeneralSecurityException {
        byte[] frame = from.seal(text.getBytes(StandardCharsets.UTF_8));
        recording.add(frame);
        return frame;
    }

    private static void open(SecureSession at, byte[] frame) throws GeneralSecurityException {
        at.open(TestFrames.header(frame), frame);
    }

    /** The thief goes through the whole recording in order, as it would replay it. */
    private List<Outcome> thiefReads(StolenSession thief, List<Line> script) {
        List<Boolean> readable = new ArrayList<>();
        for (byte[] frame : recording) {
            Optional<byte[]> read = thief.read(frame);
            readable.add(read.isPresent());
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            int at = messageFrames.get(i);
            outcomes.add(new Outcome(i + 1, script.get(i), at >= theftFrame, readable.get(at), at));
        }
        return outcomes;
    }

    public List<byte[]> recording() {
        return recording;
    }

    /** Index in {@link #recording()} of the first frame sent after the theft. */
    public int theftFrame() {
        return theftFrame;
    }

    /** Twelve messages, both directions, runs of two from one side, several turns. */
    public static List<Line> script() {
        return List.of(new Line(true, "Hi Bob"), new Line(false, "Hi Alice"), new Line(true, "How are you?"),
                new Line(true, "Still there?"), new Line(false, "Yes, fine"), new Line(false, "And you?"),
                new Line(true, "Good"), new Line(false, "Great"), new Line(true, "Bye soon"), new Line(false, "Bye"),
                new Line(true, "One more thing"), new Line(false, "Yes?"));
    }
}
