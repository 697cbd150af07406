package dev.blindrelay.handshake;

import java.nio.charset.StandardCharsets;

/** The labels of the handshake's transcript fields and key-schedule outputs, in one place. */
final class TranscriptLabels {

    static final String PROTOCOL = "protocol";
    static final String OFFER = "offer";
    static final String SUITE = "suite";
    static final String SESSION = "session";
    static final String ROOM = "room";
    static final String INITIATOR = "initiator";
    static final String RESPONDER = "responder";
    static final String INITIATOR_IDENTITY = "initiator identity";
    static final String INITIATOR_EPHEMERAL = "initiator ephemeral";
    static final String RESPONDER_IDENTITY = "responder identity";
    static final String RESPONDER_EPHEMERAL = "responder ephemeral";
    static final String RESPONDER_SIGNATURE = "responder signature";
    static final String RESPONDER_CONFIRM = "responder confirm";
    static final String INITIATOR_SIGNATURE = "initiator signature";
    static final String INITIATOR_CONFIRM = "initiator confirm";

    private TranscriptLabels() {
    }

    /** What an identity key signs: a domain-separation label, then the transcript hash. */
    static byte[] signedMessage(String label, byte[] transcriptHash) {
        byte[] prefix = (KeySchedule.PROTOCOL + " " + label).getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + transcriptHash.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(transcriptHash, 0, message, prefix.length, transcriptHash.length);
        return message;
    }
}
