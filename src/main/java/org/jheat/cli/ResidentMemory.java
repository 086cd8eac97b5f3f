package org.jheat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's peak resident memory (Linux {@code VmHWM}), resettable per phase through {@code /proc/self/clear_refs}
 * (writing 5 resets the high-water mark to the current RSS). Elsewhere both answer "unknown".
 *
 * <pre>{@code
 * ResidentMemory.resetPeak();
 * work();
 * long bytes = ResidentMemory.peakBytes();   // -1 when unknown
 * }</pre>
 */
public final class ResidentMemory {
    private ResidentMemory() { }

    /** Resets the peak to the current resident size (no effect where /proc is missing). */
    public static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not allowed: the peak then covers the whole run, which the table still labels as peak
        }
    }

    /** The peak resident bytes since the last reset, or -1 when unknown. */
    public static long peakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
