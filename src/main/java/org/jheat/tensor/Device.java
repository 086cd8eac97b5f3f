package org.jheat.tensor;

import java.util.Locale;

/**
 * Where a tensor's memory lives and its kernels run: {@code cpu:0} (host memory, {@link CpuBackend}) or a device
 * of a {@link Backend} registered through {@link Backend.Provider} (e.g. {@code gpu:1}). Every tensor carries its
 * device; an operation's result lives on its operands' device, and operands on different devices are an error
 * ({@code .to(device)} moves a tensor or an array explicitly). Only the CPU ships with jheat today.
 *
 * <p>New arrays that have no operand to follow (factories, random numbers, files read) are made on
 * {@link #defaultDevice()}, which {@link #useDefault(Device)} changes (Heat's {@code use_device}).
 *
 * <pre>{@code
 * Device d = x.device();                  // cpu:0
 * Device same = Device.of("cpu");          // cpu:0
 * Device.useDefault(Device.CPU);           // factories allocate on the CPU (the initial default)
 * }</pre>
 *
 * @param kind "cpu", or the kind of a registered backend ("gpu" …)
 * @param index device number on the node (0 for the CPU)
 */
public record Device(String kind, int index) {
    /** The host CPU. */
    public static final Device CPU = new Device("cpu", 0);

    private static volatile Device defaultDevice = CPU;

    /** Validates the fields. <pre>{@code new Device("cpu", 0)}</pre> */
    public Device {
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("device kind must not be empty");
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
    }

    /**
     * Parses "cpu", "cpu:0" or "kind:index" of a registered backend ("kind" alone is index 0).
     * <pre>{@code Device d = Device.of("cpu"); }</pre>
     *
     * @throws IllegalArgumentException for a malformed name or a device that is not available (the message lists
     *         the available ones)
     */
    public static Device of(String name) {
        if (name == null) throw new IllegalArgumentException("device name must not be null");
        String n = name.trim().toLowerCase(Locale.ROOT);
        int colon = n.indexOf(':');
        String kind = colon < 0 ? n : n.substring(0, colon);
        int index;
        try {
            index = colon < 0 ? 0 : Integer.parseInt(n.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device '" + name + "' is malformed; expected kind or kind:index, e.g. cpu or cpu:0");
        }
        if (kind.isEmpty() || index < 0) {
            throw new IllegalArgumentException("device '" + name + "' is malformed; expected kind or kind:index, e.g. cpu or cpu:0");
        }
        Device d = kind.equals("cpu") && index == 0 ? CPU : new Device(kind, index);
        if (!Backends.available(d)) {
            throw new IllegalArgumentException("device '" + name + "' is not available; available: " + Backends.availableNames());
        }
        return d;
    }

    /** True for the host CPU. <pre>{@code if (t.device().isCpu()) … }</pre> */
    public boolean isCpu() { return this.equals(CPU); }

    /** The backend that allocates and computes on this device. <pre>{@code Tensor t = Device.CPU.backend().zeros(DType.INT64, 3); }</pre> */
    public Backend backend() { return Backends.of(this); }

    /**
     * The device on which arrays without operands are created (factories, random, io); {@link #CPU} unless changed.
     * <pre>{@code Device d = Device.defaultDevice(); }</pre>
     */
    public static Device defaultDevice() { return defaultDevice; }

    /**
     * Makes {@code d} the default device of this process (Heat's {@code use_device}); call it on every process alike.
     * <pre>{@code Device.useDefault(Device.of("cpu")); }</pre>
     *
     * @throws IllegalArgumentException when the device is not available
     */
    public static void useDefault(Device d) {
        if (d == null) throw new IllegalArgumentException("device must not be null");
        if (!Backends.available(d)) {
            throw new IllegalArgumentException("device " + d + " is not available; available: " + Backends.availableNames());
        }
        defaultDevice = d;
    }

    /** "cpu:0" as Heat prints it. */
    @Override
    public String toString() { return kind + ":" + index; }
}
