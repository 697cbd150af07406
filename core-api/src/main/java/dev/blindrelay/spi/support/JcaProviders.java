package dev.blindrelay.spi.support;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;
import java.security.Security;
import java.util.Optional;

/** Provider instances for the provider variants that {@code blindrelay compare} measures. */
public final class JcaProviders {

    /**
     * What every BouncyCastle-backed implementation reports as its provider. A constant, because asking
     * BouncyCastle its version means building its provider (0.3-0.5 s); a test checks it against the jar.
     */
    public static final String BOUNCY_CASTLE_NAME = "BouncyCastle 1.87";

    private JcaProviders() {
    }

    /** The JDK's SunEC, where the runtime has it: the provider variant of the elliptic-curve plugins. */
    public static Optional<Provider> sunEc() {
        return Optional.ofNullable(Security.getProvider("SunEC"));
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
