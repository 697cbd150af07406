package dev.blindrelay.session.ratchet;

import dev.blindrelay.session.SessionOptions;
import dev.blindrelay.spi.KeyShare;
import dev.blindrelay.suite.CipherSuite;
import dev.blindrelay.testing.suite.TestSuites;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Key material the ratchet owns is overwritten as soon as it is no longer needed. */
class ErasureTest {

    private static final CipherSuite SUITE = TestSuites.x448Aes128();
    private static final RatchetKdf KDF = new RatchetKdf(SUITE);

    @Test
    void chainStep_overwritesTheChainKeyItCameFrom() throws Exception {
        byte[] key = RatchetPair.random(32);
        byte[] before = key.clone();
        SymmetricChain chain = new SymmetricChain(KDF, 1, key);
        byte[] messageKey = chain.nextMessageKey();
        assertThat(key).as("the array the chain owns now holds the next chain key").isNotEqualTo(before);
        assertThat(KDF.chainStep(before)).as("it is the next key of the KDF: nothing kept of the old one")
                .startsWith(key).endsWith(messageKey);
        chain.destroy();
        assertThat(key).containsOnly(0);
    }

    @Test
    void rootStep_overwritesTheRootKey_andZeroesWhatItDerived() throws Exception {
        byte[] key = RatchetPair.random(32);
        byte[] before = key.clone();
        RootChain root = new RootChain(KDF, key);
        byte[] derived = root.derive(RatchetPair.random(56));
        assertThat(key).as("nothing changes before accept").isEqualTo(before);
        byte[] copy = derived.clone();
        byte[] chainKey = root.accept(derived);
        assertThat(derived).containsOnly(0);
        assertThat(key).isEqualTo(java.util.Arrays.copyOf(copy, 32));
        assertThat(chainKey).isEqualTo(java.util.Arrays.copyOfRange(copy, 32, 64));
        root.destroy();
        assertThat(key).containsOnly(0);
    }

    @Test
    void skippedKey_zeroedWhenUsed_whenEvicted_andOnDestroy() {
        SkippedKeys store = new SkippedKeys(2);
        byte[] used = RatchetPair.random(16);
        byte[] evicted = RatchetPair.random(16);
        byte[] left = RatchetPair.random(16);
        store.put(1, 0, evicted);
        store.put(1, 1, used);
        store.erase(1, 1);
        assertThat(used).containsOnly(0);
        store.put(1, 2, left);
        store.put(1, 3, RatchetPair.random(16));
        assertThat(evicted).as("the oldest, evicted past the bound").containsOnly(0);
        assertThat(store.copyOf(1, 0)).isNull();
        store.destroy();
        assertThat(left).containsOnly(0);
        assertThat(store.size()).isZero();
    }

    @Test
    void ownShare_destroyedWhenThePeerAnswersIt_unlessAThiefStillHoldsACopy() throws Exception {
        AtomicBoolean destroyed = new AtomicBoolean();
        KeyShare share = new KeyShare() {
            @Override
            public byte[] publicBytes() {
                return new byte[1];
            }

            @Override
            public byte[] secretBytesForTrace() {
                return new byte[1];
            }

            @Override
            public void destroy() {
                destroyed.set(true);
            }
        };
        HeldShare held = new HeldShare(share);
        HeldShare thief = held.retain();
        held.release();
        assertThat(destroyed).as("the thief's copy of memory still has it").isFalse();
        thief.release();
        assertThat(destroyed).isTrue();
    }

    @Test
    void wholeSession_destroyZeroesTheSkippedKeysItHeld() throws Exception {
        RatchetPair pair = new RatchetPair(SUITE, SessionOptions.defaults(), dev.blindrelay.trace.Tracer.NONE);
        byte[] first = RatchetPair.seal(pair.alice, "1");
        byte[] second = RatchetPair.seal(pair.alice, "2");
        RatchetPair.open(pair.bob, second);
        pair.bob.destroy();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> RatchetPair.open(pair.bob, first)))
                .hasMessageContaining("erased");
    }
}
