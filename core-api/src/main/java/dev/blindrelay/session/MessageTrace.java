package dev.blindrelay.session;

import dev.blindrelay.trace.TraceValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The values every traced seal and open shows, after those particular to the kind of session. */
public final class MessageTrace {

    private MessageTrace() {
    }

    public static TraceValue[] values(List<TraceValue> first, byte[] nonce, byte[] associatedData, byte[] plaintext,
                                      byte[] sealed, int tagLength) {
        int tagAt = sealed.length - tagLength;
        List<TraceValue> values = new ArrayList<>(first);
        values.add(TraceValue.bytes("nonce", nonce));
        values.add(TraceValue.bytes("aad", associatedData));
        values.add(TraceValue.secret("plaintext", plaintext));
        values.add(TraceValue.bytes("ciphertext", Arrays.copyOf(sealed, tagAt)));
        values.add(TraceValue.bytes("tag", Arrays.copyOfRange(sealed, tagAt, sealed.length)));
        return values.toArray(TraceValue[]::new);
    }
}
