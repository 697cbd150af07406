package dev.blindrelay.handshake;

import dev.blindrelay.handshake.KeySchedule.DirectionKeys;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.RecordingTracer;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.TraceEvent;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class KeyScheduleTest {

    private static final CipherSuite SUITE = TestSuites.x448Aes128();
    private static final byte[] HASH = filled(32, 0x11);
    private static final byte[] SECRET = filled(56, 0x22);

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] hmac(byte[] key, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void info_bindsProtocolSuiteAndLabel() {
        assertThat(new String(KeySchedule.info(SUITE, "i2r key"), StandardCharsets.US_ASCII))
                .isEqualTo("BlindRelay/2 X448_HKDF-SHA256_AES-128-GCM i2r key");
    }

    @Test
    void directionKeys_areHkdfOfTheSharedSecretSaltedWithTheHash() throws Exception {
        DirectionKeys[] keys = KeySchedule.extract(SUITE, HASH, SECRET.clone()).directionKeys(Tracer.NONE, "a", "b");

        byte[] prk = hmac(HASH, SECRET);
        byte[] i2rKey = Arrays.copyOf(hmac(prk, ascii("BlindRelay/2 " + SUITE.id() + " i2r key"), new byte[] {1}), 16);
        byte[] r2iIv = Arrays.copyOf(hmac(prk, ascii("BlindRelay/2 " + SUITE.id() + " r2i iv"), new byte[] {1}), 12);
        assertThat(keys[0].key()).isEqualTo(i2rKey);
        assertThat(keys[1].iv()).isEqualTo(r2iIv);
        assertThat(keys[0].key()).hasSize(SUITE.aead().keyLength());
        assertThat(keys[0].iv()).hasSize(SUITE.aead().nonceLength());
    }

    @Test
    void directionKeys_eachDirectionHasItsOwnKeyAndIv() throws Exception {
        DirectionKeys[] keys = KeySchedule.extract(SUITE, HASH, SECRET.clone()).directionKeys(Tracer.NONE, "a", "b");
        assertThat(keys[0].key()).isNotEqualTo(keys[1].key());
        assertThat(keys[0].iv()).isNotEqualTo(keys[1].iv());
    }

    @Test
    void directionKeys_dependOnTheSuiteId() throws Exception {
        CipherSuite renamed = TestSuites.x448Aes128WithAeadId("AES-128-GCM-B");
        DirectionKeys[] ours = KeySchedule.extract(SUITE, HASH, SECRET.clone()).directionKeys(Tracer.NONE, "a", "b");
        DirectionKeys[] theirs = KeySchedule.extract(renamed, HASH, SECRET.clone()).directionKeys(Tracer.NONE, "a", "b");
        assertThat(ours[0].key()).isNotEqualTo(theirs[0].key());
        assertThat(ours[0].iv()).isNotEqualTo(theirs[0].iv());
        assertThat(ours[1].key()).isNotEqualTo(theirs[1].key());
    }

    @Test
    void directionKeys_dependOnHashAndSecret() throws Exception {
        DirectionKeys base = KeySchedule.extract(SUITE, HASH, SECRET.clone()).directionKeys(Tracer.NONE, "a", "b")[0];
        DirectionKeys otherHash = KeySchedule.extract(SUITE, filled(32, 0x12), SECRET.clone())
                .directionKeys(Tracer.NONE, "a", "b")[0];
        DirectionKeys otherSecret = KeySchedule.extract(SUITE, HASH, filled(56, 0x23))
                .directionKeys(Tracer.NONE, "a", "b")[0];
        assertThat(base.key()).isNotEqualTo(otherHash.key()).isNotEqualTo(otherSecret.key());
    }

    @Test
    void confirm_dependsOnLabelHashAndSuite() throws Exception {
        KeySchedule schedule = KeySchedule.extract(SUITE, HASH, SECRET.clone());
        byte[] h = filled(32, 0x33);
        byte[] confirm = schedule.confirm("responder confirm", h);
        assertThat(confirm).hasSize(KeySchedule.CONFIRM_LENGTH);
        byte[] prk = hmac(HASH, SECRET);
        assertThat(confirm).isEqualTo(hmac(prk, ascii("BlindRelay/2 " + SUITE.id() + " responder confirm"), h,
                new byte[] {1}));
        assertThat(schedule.confirm("initiator confirm", h)).isNotEqualTo(confirm);
        assertThat(schedule.confirm("responder confirm", filled(32, 0x34))).isNotEqualTo(confirm);
        assertThat(KeySchedule.extract(TestSuites.x448Aes128WithAeadId("AES-128-GCM-B"), HASH, SECRET.clone())
                .confirm("responder confirm", h)).isNotEqualTo(confirm);
    }

    @Test
    void directionKeys_tracedAsSecrets() throws Exception {
        RecordingTracer tracer = new RecordingTracer();
        DirectionKeys[] keys = KeySchedule.extract(SUITE, HASH, SECRET.clone()).directionKeys(tracer, "alice", "bob");
        TraceEvent event = tracer.single("alice", "direction-keys");
        assertThat(event.value("i2r key")).isEqualTo(HexFormat.of().formatHex(keys[0].key()));
        assertThat(event.values()).filteredOn(v -> !v.name().startsWith("info"))
                .hasSize(4).allMatch(v -> v.secret());
    }

    @Test
    void destroy_zeroesPrkAndKeys() throws Exception {
        KeySchedule schedule = KeySchedule.extract(SUITE, HASH, SECRET.clone());
        DirectionKeys[] keys = schedule.directionKeys(Tracer.NONE, "a", "b");
        schedule.destroy();
        assertThat(schedule.prkForTrace()).containsOnly(0);
        keys[0].destroy();
        assertThat(keys[0].key()).containsOnly(0);
        assertThat(keys[0].iv()).containsOnly(0);
    }
}
