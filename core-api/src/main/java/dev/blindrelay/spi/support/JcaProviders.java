package dev.blindrelay.spi.support;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/** Provider instances for the provider variants that {@code blindrelay compare} measures. */
public final class JcaProviders {

    private JcaProviders() {
    }

    /**
     * BouncyCastle's JCA provider, one instance for the whole JVM. Made on first use only, because building
     * it takes 0.3-0.5 s, and never registered with {@code java.security.Security}: it is passed to
     * {@code getInstance} explicitly, so it cannot change what any other code gets.
     */
    public static Provider bouncyCastle() {
        return BouncyCastle.INSTANCE;
    }

    private static final class BouncyCastle {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
