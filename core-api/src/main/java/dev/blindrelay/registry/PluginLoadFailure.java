package dev.blindrelay.registry;

/**
 * A provider listed in {@code META-INF/services} that could not be loaded. Reported, never fatal
 * for the other providers, and never silently ignored.
 *
 * @param service  the SPI interface
 * @param detail   the class name (when known) and the cause
 */
public record PluginLoadFailure(Class<?> service, String detail) {

    @Override
    public String toString() {
        return "could not load a " + service.getSimpleName() + " plugin: " + detail;
    }
}
