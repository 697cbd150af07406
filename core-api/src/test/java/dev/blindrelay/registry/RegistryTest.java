package dev.blindrelay.registry;

import dev.blindrelay.spi.Aead;
import dev.blindrelay.testing.suite.Aes128Gcm;
import dev.blindrelay.testing.suite.ShapeOnlyAead;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryTest {

    /** A second AEAD class claiming an id that is already registered. */
    static class Impostor extends ShapeOnlyAead {
        Impostor(String id) {
            super(id);
        }
    }

    @Test
    void add_duplicateIdNamesBothClasses() {
        Registry.Builder<Aead> builder = Registry.<Aead>builder("AEAD").add(new Aes128Gcm());
        assertThatThrownBy(() -> builder.add(new Impostor("AES-128-GCM")))
                .isInstanceOf(DuplicatePluginException.class)
                .hasMessageContaining("AES-128-GCM")
                .hasMessageContaining(Aes128Gcm.class.getName())
                .hasMessageContaining(Impostor.class.getName())
                .hasMessageContaining("AEAD");
    }

    @Test
    void add_blankIdRejectedWithClassName() {
        assertThatThrownBy(() -> Registry.<Aead>builder("AEAD").add(new Impostor(" ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Impostor.class.getName()).hasMessageContaining("no id");
    }

    @Test
    void get_unknownIdListsAvailableIds() {
        Registry<Aead> registry = Registry.<Aead>builder("AEAD")
                .add(new Impostor("ZZZ")).add(new Aes128Gcm()).build();
        assertThatThrownBy(() -> registry.get("CHACHA20-POLY1305"))
                .isInstanceOf(UnknownPluginException.class)
                .hasMessageContaining("unknown AEAD 'CHACHA20-POLY1305'")
                .hasMessageContaining("available: AES-128-GCM, ZZZ")
                .satisfies(e -> {
                    UnknownPluginException unknown = (UnknownPluginException) e;
                    assertThat(unknown.kind()).isEqualTo("AEAD");
                    assertThat(unknown.id()).isEqualTo("CHACHA20-POLY1305");
                    assertThat(unknown.available()).containsExactly("AES-128-GCM", "ZZZ");
                });
    }

    @Test
    void get_unknownIdInEmptyRegistrySaysWhy() {
        Registry<Aead> registry = Registry.<Aead>builder("AEAD").build();
        assertThatThrownBy(() -> registry.get("AES-128-GCM"))
                .isInstanceOf(UnknownPluginException.class).hasMessageContaining("plugin jar on the classpath");
    }

    @Test
    void ids_sortedWhateverTheInsertionOrder() {
        Registry<Aead> registry = Registry.<Aead>builder("AEAD")
                .add(new Impostor("C")).add(new Impostor("A")).add(new Impostor("B")).build();
        assertThat(registry.ids()).containsExactly("A", "B", "C");
        assertThat(registry.all()).extracting(Aead::id).containsExactly("A", "B", "C");
    }

    @Test
    void find_presentAndAbsent() {
        Aes128Gcm aead = new Aes128Gcm();
        Registry<Aead> registry = Registry.<Aead>builder("AEAD").add(aead).build();
        assertThat(registry.find("AES-128-GCM")).containsSame(aead);
        assertThat(registry.get("AES-128-GCM")).isSameAs(aead);
        assertThat(registry.find("aes-128-gcm")).isEmpty();
        assertThat(registry.kind()).isEqualTo("AEAD");
    }

    @Test
    void build_immutableAndIndependentOfBuilder() {
        Registry.Builder<Aead> builder = Registry.<Aead>builder("AEAD").add(new Impostor("A"));
        Registry<Aead> registry = builder.build();
        builder.add(new Impostor("B"));
        assertThat(registry.ids()).containsExactly("A");
        assertThatThrownBy(() -> registry.asMap().put("X", new Impostor("X")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> registry.ids().remove("A")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(List.copyOf(registry.ids())).containsExactly("A");
    }
}
