package dev.blindrelay.cli.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Where and when the numbers were measured. Speed figures mean nothing without it: AES-GCM is fast
 * only where the CPU has AES instructions and the JVM uses them.
 *
 * @param cpu   the CPU model, when the OS tells (Linux /proc/cpuinfo), else "unknown CPU"
 * @param cores logical processors available to the JVM
 * @param java  version, vendor and VM
 * @param os    name, version and architecture
 * @param date  when the run started, ISO 8601 with offset
 * @param load  the OS's one-minute load average when the run started, negative when unknown: other
 *              busy processes share the cores and make single-threaded figures vary run to run
 */
record Machine(String cpu, int cores, String java, String os, String date, double load) {

    static Machine current() {
        return new Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One line for the report header. */
    String summary() {
        return cpu + ", " + cores + " cores; Java " + java + "; " + os
                + (load < 0 ? "" : String.format(Locale.ROOT, "; load average %.2f", load));
    }

    /**
     * A warning when other processes kept at least half the cores busy before the run, or "": the
     * figures are then lower and less steady than this machine can do.
     */
    String busyWarning() {
        if (load < cores / 2.0) {
            return "";
        }
        return String.format(Locale.ROOT, "Warning: the machine was busy (load average %.2f on %d cores); "
                + "figures vary from run to run. Close other work and run again for steadier numbers.", load, cores);
    }

    private static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not readable: the CPU model is a nicety, the rest of the report stands.
        }
        return "unknown CPU";
    }
}
