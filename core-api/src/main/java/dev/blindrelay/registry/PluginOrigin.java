package dev.blindrelay.registry;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/** Where a plugin class was loaded from: the jar (or classes folder) name, for listings and errors. */
public final class PluginOrigin {

    private PluginOrigin() {
    }

    public static String of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown location";
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            Path name = path.getFileName();
            // A classes folder alone says little: name its module folder too (core-api/target/classes).
            if (name != null && (name.toString().equals("classes") || name.toString().equals("test-classes"))) {
                Path target = path.getParent();
                Path module = target == null ? null : target.getParent();
                return module == null ? path.toString() : module.getFileName() + "/target/" + name;
            }
            return name == null ? path.toString() : name.toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }
}
