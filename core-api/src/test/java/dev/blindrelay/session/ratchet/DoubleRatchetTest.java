package dev.blindrelay.session.ratchet;

import dev.blindrelay.session.Opened;
import dev.blindrelay.session.ReplayException;
import dev.blindrelay.session.SecureSession;
import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.TestFrames;
import dev.blindrelay.testing.suite.TestSuites;
import dev.blindrelay.trace.Tracer;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.blindrelay.session.ratchet.RatchetPair.fields;
import static dev.blindrelay.session.ratchet.RatchetPair.open;
import static dev.blindrelay.session.ratchet.RatchetPair.seal;
import static dev.blindrelay.session.ratchet.RatchetPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Double Ratchet between two sessions, frame by frame, with a test suite (X448, AES-128-GCM). */
class DoubleRatchetTest {

    private static final CipherSuite SUITE = TestSuites.x448Aes128();

    @Test
    void turns_eachSideStepsWhenItAnswersTheOther_epochsFollowTheRule() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        int shareLength = SUITE.keyAgreement().publicKeyLength();

        byte[] a1 = seal(pair.alice, "a1");
        RatchetHeader first = fields(a1);
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.response()).as("the first turn answers nothing").isEmpty();
        assertThat(first.share()).hasSize(shareLength);
        assertThat(text(open(pair.bob, a1))).isEqualTo("a1");

        byte[] b1 = seal(pair.bob, "b1");
        RatchetHeader bobStep = fields(b1);
        assertThat(bobStep.epoch()).as("the responder's first step").isEqualTo(2);
        assertThat(bobStep.response()).hasSize(SUITE.keyAgreement().responseLength());
        assertThat(bobStep.seen()).isEqualTo(1);
        assertThat(bobStep.previous()).isZero();
        assertThat(text(open(pair.alice, b1))).isEqualTo("b1");

        byte[] a2 = seal(pair.alice, "a2");
        assertThat(fields(a2).epoch()).isEqualTo(3);
        assertThat(fields(a2).previous()).as("Alice sent one message in epoch 1").isEqualTo(1);
        assertThat(text(open(pair.bob, a2))).isEqualTo("a2");
        byte[] b2 = seal(pair.bob, "b2");
        assertThat(fields(b2).epoch()).isEqualTo(4);
        assertThat(text(open(pair.alice, b2))).isEqualTo("b2");
    }

    @Test
    void keyMaterial_ridesAlongUntilThePeerHasSeenTheEpoch() throws Exception {
        // A long interval: each side steps once, then stays in its epoch.
        RatchetPair pair = new RatchetPair(SUITE, SessionOptions.defaults().withStepInterval(Duration.ofHours(1)),
                Tracer.NONE);
        byte[] a1 = seal(pair.alice, "a1");
        byte[] a2 = seal(pair.alice, "a2");
        assertThat(fields(a1).hasKeys()).isTrue();
        assertThat(fields(a2).hasKeys()).as("still unconfirmed: a1 may have been dropped").isTrue();
        open(pair.bob, a1);
        open(pair.bob, a2);
        byte[] b1 = seal(pair.bob, "b1");
        assertThat(fields(b1).epoch()).isEqualTo(2);
        open(pair.alice, b1);
        byte[] a3 = seal(pair.alice, "a3");
        assertThat(fields(a3).epoch()).as("Alice's first step is not held back").isEqualTo(3);
        assertThat(fields(a3).seen()).isEqualTo(2);
        open(pair.bob, a3);
        byte[] b2 = seal(pair.bob, "b2");
        assertThat(fields(b2).epoch()).as("Bob stepped less than an interval ago: same epoch").isEqualTo(2);
        assertThat(fields(b2).hasKeys()).as("Alice has seen epoch 2: no key material any more").isFalse();
        assertThat(b2.length).isLessThan(b1.length);
        assertThat(text(open(pair.alice, b2))).isEqualTo("b2");
    }

    @Test
    void drops_withinTheBoundTheNextMessageOpens_andALateOneOpensOnce() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(seal(pair.alice, "m" + i));
        }
        Opened last = open(pair.bob, frames.get(4));
        assertThat(text(last)).isEqualTo("m4");
        assertThat(last.missed()).isEqualTo(4);
        Opened late = open(pair.bob, frames.get(2));
        assertThat(text(late)).isEqualTo("m2");
        assertThat(late.late()).isTrue();
        assertThatThrownBy(() -> open(pair.bob, frames.get(2))).as("its key was erased when it opened")
                .isInstanceOf(ReplayException.class);
        assertThatThrownBy(() -> open(pair.bob, frames.get(4))).isInstanceOf(ReplayException.class);
    }

    @Test
    void drops_acrossAStep_theRestOfThePreviousChainStillOpensLate() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        open(pair.bob, seal(pair.alice, "hello"));
        byte[] b0 = seal(pair.bob, "b0"); // epoch 2
        byte[] b1 = seal(pair.bob, "b1");
        open(pair.alice, b0);
        open(pair.bob, seal(pair.alice, "a")); // epoch 3
        byte[] b2 = seal(pair.bob, "b2"); // epoch 4, previous = 2
        assertThat(fields(b2).epoch()).isEqualTo(4);
        assertThat(fields(b2).previous()).isEqualTo(2);
        Opened opened = open(pair.alice, b2);
        assertThat(opened.missed()).as("b1, never arrived").isEqualTo(1);
        assertThat(text(open(pair.alice, b1))).isEqualTo("b1");
    }

    @Test
    void pastTheBound_refusedWithAWarning_andTheSessionGoesOn() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE, SessionOptions.defaults().withStepInterval(Duration.ZERO)
                .withMaxSkipped(10), Tracer.NONE);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            frames.add(seal(pair.alice, "m" + i));
        }
        assertThatThrownBy(() -> open(pair.bob, frames.get(11))).isInstanceOf(SkippedTooFarException.class)
                .hasMessageContaining("11 messages ahead").hasMessageContaining("more than the 10");
        assertThat(text(open(pair.bob, frames.get(10)))).as("exactly at the bound").isEqualTo("m10");
        assertThat(text(open(pair.bob, frames.get(11)))).isEqualTo("m11");
    }

    @Test
    void skippedKeys_atMostTheBound_oldestErasedFirst() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE, SessionOptions.defaults().withStepInterval(Duration.ZERO)
                .withMaxSkipped(4), Tracer.NONE);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            frames.add(seal(pair.alice, "m" + i));
        }
        open(pair.bob, frames.get(4)); // keeps 0..3
        open(pair.bob, frames.get(8)); // keeps 5..7, and erases 0..2 to stay at 4
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThatThrownBy(() -> open(pair.bob, frames.get(n))).isInstanceOf(ReplayException.class);
        }
        assertThat(text(open(pair.bob, frames.get(3)))).isEqualTo("m3");
        assertThat(text(open(pair.bob, frames.get(7)))).isEqualTo("m7");
    }

    @Test
    void tamper_anyByteOfHeaderFieldsKeysOrCiphertext_rejectedAndNothingChanges() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        open(pair.bob, seal(pair.alice, "hello"));
        byte[] step = seal(pair.bob, "step"); // epoch 2, with the response and a share
        int body = TestFrames.header(step).bodyOffset();
        for (int i = body; i < step.length; i++) {
            byte[] changed = TestFrames.flip(step, i);
            assertThatThrownBy(() -> open(pair.alice, changed)).as("byte %d changed", i)
                    .isInstanceOf(GeneralSecurityException.class);
        }
        assertThat(text(open(pair.alice, step))).as("the genuine step still opens").isEqualTo("step");
        assertThat(text(open(pair.bob, seal(pair.alice, "after")))).isEqualTo("after");
    }

    @Test
    void replay_ofAStepMessage_rejected_andReflectionRejected() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        byte[] hello = seal(pair.alice, "hello");
        open(pair.bob, hello);
        byte[] step = seal(pair.bob, "step");
        open(pair.alice, step);
        assertThatThrownBy(() -> open(pair.alice, step)).isInstanceOf(ReplayException.class);
        assertThatThrownBy(() -> open(pair.bob, hello)).isInstanceOf(ReplayException.class);
        assertThatThrownBy(() -> open(pair.bob, step)).as("Bob's own frame, reflected")
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("does not belong");
    }

    @Test
    void forgedStep_thatAnswersNothingWeSent_rejectedBeforeAnyKeyIsComputed() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        byte[] hello = seal(pair.alice, "hello");
        open(pair.bob, hello);
        byte[] step = seal(pair.bob, "step");
        open(pair.alice, step);
        byte[] a = seal(pair.alice, "a"); // epoch 3
        open(pair.bob, a);
        byte[] b = seal(pair.bob, "b"); // epoch 4
        // Alice still waits for epoch 4; an "epoch 6" cannot answer anything she sent.
        byte[] forged = b.clone();
        forged[TestFrames.header(b).bodyOffset() + 3] = 6;
        assertThatThrownBy(() -> open(pair.alice, forged)).isInstanceOf(AEADBadTagException.class)
                .hasMessageContaining("does not answer");
        assertThat(text(open(pair.alice, b))).isEqualTo("b");
    }

    @Test
    void destroy_sealAndOpenFailAfterwards() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE);
        byte[] frame = seal(pair.alice, "x");
        pair.bob.destroy();
        pair.alice.destroy();
        assertThatThrownBy(() -> seal(pair.alice, "y")).hasMessageContaining("erased");
        assertThatThrownBy(() -> open(pair.bob, frame)).hasMessageContaining("erased");
    }

    @Test
    void overhead_isTheHeaderWithoutKeysPlusTheTag() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE, SessionOptions.defaults().withStepInterval(Duration.ofHours(1)),
                Tracer.NONE);
        open(pair.bob, seal(pair.alice, "x"));
        open(pair.alice, seal(pair.bob, "y"));
        open(pair.bob, seal(pair.alice, "z"));
        byte[] plain = seal(pair.bob, "12345");
        assertThat(fields(plain).hasKeys()).isFalse();
        assertThat(plain.length).isEqualTo(pair.bob.overhead() + 5);
    }

    static SecureSession[] sessions(RatchetPair pair) {
        return new SecureSession[] {pair.alice, pair.bob};
    }
}
