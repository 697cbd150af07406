package dev.blindrelay.testing.contract;

import dev.blindrelay.spi.AeadKey;
import dev.blindrelay.spi.KeyAgreementResponse;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.suite.CipherSuite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import static org.assertj.core.api.Assertions.assertThat;

/** What every suite's components must do together, for each suite module's own test. */
public final class SuiteContract {

    private SuiteContract() {
    }

    /** Both sides derive the same key from the agreement, and one side opens what the other sealed. */
    public static void assertComponentsWorkTogether(CipherSuite suite) throws GeneralSecurityException {
        KeyShare initiator = suite.keyAgreement().generate();
        KeyAgreementResponse response = suite.keyAgreement().respond(initiator.publicBytes());
        byte[] initiatorSecret = suite.keyAgreement().finish(initiator, response.message());

        AeadKey sender = importDerived(suite, initiatorSecret);
        AeadKey receiver = importDerived(suite, response.sharedSecret());
        byte[] nonce = new byte[suite.aead().nonceLength()];
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = suite.aead().seal(sender, nonce, hello, new byte[0]);

        assertThat(suite.aead().open(receiver, nonce, sealed, new byte[0])).isEqualTo(hello);
    }

    private static AeadKey importDerived(CipherSuite suite, byte[] secret) throws GeneralSecurityException {
        byte[] prk = suite.kdf().extract(new byte[0], secret);
        return suite.aead().importKey(suite.kdf().expand(prk, "test key".getBytes(StandardCharsets.US_ASCII),
                suite.aead().keyLength()));
    }
}
