package dev.blindrelay.handshake;

import dev.blindrelay.suite.SuiteId;
import dev.blindrelay.suite.SuitePreference;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The offered suite list of handshake version 2: {@code u8 count (1..16) || count × str8 suite id}, most preferred
 * first, no id twice, every id well-formed ({@code <KA>_<KDF>_<AEAD>}). INIT carries it, RESPONSE echoes it as
 * received, and the transcript binds exactly these bytes.
 */
final class SuiteOffer {

    private SuiteOffer() {
    }

    static WireWriter write(WireWriter writer, List<String> ids) {
        writer.u8(ids.size());
        ids.forEach(writer::str8);
        return writer;
    }

    /** The encoding alone: the transcript's {@code offer} value. */
    static byte[] encode(List<String> ids) {
        return write(new WireWriter(1 + 40 * ids.size()), ids).toByteArray();
    }

    static List<String> read(WireReader reader, String what) throws MalformedFrameException {
        int count = reader.u8(what + " count");
        if (count < 1 || count > SuitePreference.MAX_SUITES) {
            throw new MalformedFrameException(what + " lists " + count + " suites; 1 to "
                    + SuitePreference.MAX_SUITES + " are allowed");
        }
        List<String> ids = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String id = reader.str8(what + " suite id");
            try {
                SuiteId.parse(id);
            } catch (IllegalArgumentException e) {
                throw new MalformedFrameException(what + ": " + e.getMessage());
            }
            if (!seen.add(id)) {
                throw new MalformedFrameException(what + " lists suite " + id + " twice");
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    /** The key agreements of the offered suites, each once, in the order they first appear: one key share each. */
    static List<String> keyAgreementIds(List<String> ids) {
        Set<String> keyAgreements = new LinkedHashSet<>();
        ids.forEach(id -> keyAgreements.add(SuiteId.parse(id).keyAgreement()));
        return List.copyOf(keyAgreements);
    }
}
