package dev.blindrelay.session.ratchet;

import java.util.Arrays;

/**
 * What the handshake's key schedule gives a ratchet: the first root key and the first chain key of each direction
 * (PROTOCOL.md section 7). Zeroed by whoever made it, once the ratchet has taken its copies.
 */
public record RatchetKeys(byte[] rootKey, byte[] i2rChainKey, byte[] r2iChainKey) {

    public void destroy() {
        Arrays.fill(rootKey, (byte) 0);
        Arrays.fill(i2rChainKey, (byte) 0);
        Arrays.fill(r2iChainKey, (byte) 0);
    }
}
