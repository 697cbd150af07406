package dev.blindrelay.spi.support;

import dev.blindrelay.testing.RepoRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class JcaProvidersTest {

    @Test
    void bouncyCastleName_isTheVersionOfTheJarOnTheClasspathAndOfThePom() throws Exception {
        assertThat(JcaProviders.BOUNCY_CASTLE_NAME).isEqualTo("BouncyCastle " + JcaProviders.bouncyCastle().getVersionStr());
        Matcher pom = Pattern.compile("<bouncycastle.version>([^<]+)</bouncycastle.version>")
                .matcher(Files.readString(RepoRoot.find().resolve("pom.xml")));
        assertThat(pom.find()).isTrue();
        assertThat(JcaProviders.BOUNCY_CASTLE_NAME).isEqualTo("BouncyCastle " + pom.group(1));
    }

    @Test
    void bouncyCastle_isOneInstanceNeverRegisteredGlobally() {
        assertThat(JcaProviders.bouncyCastle()).isSameAs(JcaProviders.bouncyCastle());
        assertThat(java.security.Security.getProvider("BC")).isNull();
    }

    @Test
    void sunEc_isTheJdksProvider() {
        assertThat(JcaProviders.sunEc()).hasValueSatisfying(p -> assertThat(p.getName()).isEqualTo("SunEC"));
    }
}
