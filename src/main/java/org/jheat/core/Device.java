package org.jheat.core;

/**
 * Where a process's local data lives. Only the CPU exists today; the type keeps the place for GPU devices.
 * <pre>{@code Device d = x.device();   // cpu:0 }</pre>
 *
 * @param kind "cpu" (later "gpu")
 * @param index device number on the node
 */
public record Device(String kind, int index) {
    /** The host CPU. */
    public static final Device CPU = new Device("cpu", 0);

    /** Parses "cpu" or "cpu:0"; GPUs are not available yet. <pre>{@code Device.of("cpu")}</pre> */
    public static Device of(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (n.equals("cpu") || n.equals("cpu:0")) return CPU;
        throw new IllegalArgumentException("device '" + name + "' is not available; allowed: cpu");
    }

    /** "cpu:0" as Heat prints it. */
    @Override
    public String toString() { return kind + ":" + index; }
}
