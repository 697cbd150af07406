package dev.blindrelay.client;

/**
 * The moments of a handshake that one side sees, in the order they happen: a message leaves (handed to the
 * connection) or arrives (before it is processed). The initiator sees INIT_SENT, RESPONSE_RECEIVED and FINISH_SENT;
 * the responder the other three. Times between them split a handshake into its computing and its trips through the
 * relay ({@code bench} prints them).
 */
public enum HandshakeStage {
    INIT_SENT,
    INIT_RECEIVED,
    RESPONSE_SENT,
    RESPONSE_RECEIVED,
    FINISH_SENT,
    FINISH_RECEIVED
}
