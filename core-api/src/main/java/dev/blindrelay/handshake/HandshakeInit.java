package dev.blindrelay.handshake;

import dev.blindrelay.session.SessionKind;
import dev.blindrelay.wire.MalformedFrameException;
import dev.blindrelay.wire.WireReader;
import dev.blindrelay.wire.WireWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handshake message 1, initiator to responder (handshake version 2).
 * <pre>
 * u8      handshake version = 2
 * str8    the most preferred suite id (the first of the offer)
 * bytes16 initiator identity public key (Ed25519, 32 bytes)
 * bytes16 the offer and the key shares:
 *           u8 n (1..16), then n × str8 offered suite id, most preferred first
 *           u8 m, then m × (str8 key agreement id, bytes16 public key): one per distinct key agreement of
 *           the offer, in the order they first appear in it
 *           u8 session type: 1 ratchet, 0 static ({@link SessionKind#code()})
 * </pre>
 * The outer four fields have version 1's shape (version, suite, identity key, ephemeral key), so a version-1
 * peer parses this INIT and answers with a REJECT that names both versions instead of a parse error.
 */
public record HandshakeInit(int version, List<String> offer, byte[] identityKey, List<KeyShareEntry> keyShares,
                            SessionKind session) {

    public static final int VERSION = 2;

    public HandshakeInit {
        offer = List.copyOf(offer);
        keyShares = List.copyOf(keyShares);
    }

    /** For a ratcheting session, the default. */
    public HandshakeInit(int version, List<String> offer, byte[] identityKey, List<KeyShareEntry> keyShares) {
        this(version, offer, identityKey, keyShares, SessionKind.RATCHET);
    }

    /** One key agreement's public message in the offer. */
    public record KeyShareEntry(String keyAgreementId, byte[] publicKey) {
    }

    /** The public message for {@code keyAgreementId}, if the offer has one. */
    public Optional<byte[]> keyShare(String keyAgreementId) {
        return keyShares.stream().filter(share -> share.keyAgreementId().equals(keyAgreementId))
                .map(KeyShareEntry::publicKey).findFirst();
    }

    public byte[] encode() {
        int size = 3 + 40 * offer.size()
                + keyShares.stream().mapToInt(share -> 3 + share.keyAgreementId().length() + share.publicKey().length)
                .sum();
        WireWriter inner = SuiteOffer.write(new WireWriter(size), offer).u8(keyShares.size());
        keyShares.forEach(share -> inner.str8(share.keyAgreementId()).bytes16(share.publicKey()));
        inner.u8(session.code());
        byte[] offerAndShares = inner.toByteArray();
        return new WireWriter(8 + offer.get(0).length() + identityKey.length + offerAndShares.length).u8(version)
                .str8(offer.get(0)).bytes16(identityKey).bytes16(offerAndShares).toByteArray();
    }

    /**
     * Parses a version-2 INIT strictly: the offer as {@link SuiteOffer} requires, and exactly the key shares the
     * offer calls for. Read {@link HandshakeVersion#of} first: another version's INIT is not malformed, only
     * not understood.
     */
    public static HandshakeInit parse(byte[] body) throws MalformedFrameException {
        WireReader reader = new WireReader(body);
        int version = reader.u8("handshake version");
        if (version != VERSION) {
            throw new MalformedFrameException("handshake version " + version + " INIT cannot be parsed as version "
                    + VERSION);
        }
        String first = reader.str8("suite id");
        byte[] identityKey = reader.bytes16("identity key");
        byte[] offerAndShares = reader.bytes16("offer and key shares");
        reader.expectEnd("handshake init");
        reader = new WireReader(offerAndShares);
        List<String> offer = SuiteOffer.read(reader, "offer");
        if (!first.equals(offer.get(0))) {
            throw new MalformedFrameException("handshake init names suite " + first + " first but offers "
                    + offer.get(0) + " first");
        }
        List<String> expected = SuiteOffer.keyAgreementIds(offer);
        int count = reader.u8("key share count");
        if (count != expected.size()) {
            throw new MalformedFrameException("the offer needs " + expected.size() + " key share(s), one per key "
                    + "agreement " + expected + ", but INIT has " + count);
        }
        List<KeyShareEntry> shares = new ArrayList<>(count);
        for (String keyAgreement : expected) {
            String id = reader.str8("key share id");
            if (!id.equals(keyAgreement)) {
                throw new MalformedFrameException("key share for " + id + " where the offer calls for "
                        + keyAgreement + " (one per key agreement, in offer order)");
            }
            byte[] publicKey = reader.bytes16("key share");
            if (publicKey.length == 0) {
                throw new MalformedFrameException("empty key share for " + id);
            }
            shares.add(new KeyShareEntry(id, publicKey));
        }
        int code = reader.u8("session type");
        SessionKind session = SessionKind.ofCode(code).orElseThrow(() -> new MalformedFrameException(
                "session type " + code + " is neither 1 (ratchet) nor 0 (static)"));
        reader.expectEnd("offer, key shares and session type");
        return new HandshakeInit(version, offer, identityKey, shares, session);
    }
}
