package org.jheat.arch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Code that works on a user's arrays makes its temporaries and results on those arrays' device (core's
 * {@code DeviceTest}, {@code LinalgDeviceTest}, {@code MlDeviceTest}). The easy way to break that is a bare CPU
 * allocation: {@code Tensor.empty/zeros/full(…)} or {@code Device.CPU}. This test reads the sources of the packages
 * that are device-clean and fails on every such line, unless the line says why it is host memory on purpose with a
 * {@code // host: <reason>} comment (a flag or a few scalars exchanged between processes, a Java array's collective),
 * or its file is listed in {@link #HOST_FILES} with a reason.
 *
 * <pre>{@code
 * Tensor out = x.larray().newEmpty(DType.FLOAT64, n);            // fine: on x's device
 * Tensor flag = Tensor.zeros(DType.INT64, 1);   // host: a flag broadcast from rank 0
 * }</pre>
 */
@Tag("local")
class DeviceCleanTest {
    /** The device-clean packages (directories under src/main/java/org/jheat). */
    static final String[] PACKAGES = {"linalg", "cluster", "spatial", "classification", "naivebayes", "preprocessing", "random", "graph", "decomposition", "regression", "sparse"};

    /** Whole files allowed to allocate on the host, with the reason. */
    static final Map<String, String> HOST_FILES = Map.of(
            "cluster/Comms.java", "collectives of Java double arrays: the tensors are staging buffers of host arrays");

    /** A CPU allocation or the CPU device named in code. */
    static final Pattern BARE = Pattern.compile("\\bTensor\\.(empty|zeros|full)\\(|\\bDevice\\.CPU\\b");

    @Test
    void noBareCpuAllocationsInDeviceCleanPackages() throws IOException {
        Path root = Path.of("src/main/java/org/jheat");
        assertTrue(Files.isDirectory(root), "run from the project root: " + root.toAbsolutePath() + " is missing");
        List<String> bad = new ArrayList<>();
        int files = 0;
        for (String pkg : PACKAGES) {
            Path dir = root.resolve(pkg);
            assertTrue(Files.isDirectory(dir), "package directory " + dir + " is missing");
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    files++;
                    String rel = pkg + "/" + f.getFileName();
                    if (HOST_FILES.containsKey(rel)) continue;
                    scan(rel, Files.readAllLines(f), bad);
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        assertTrue(files > 20, "scanned " + files + " files");
        assertTrue(bad.isEmpty(), "CPU allocations in device-clean code (allocate with x.larray().newEmpty(…), a backend "
                + "or a factory taking the operand's device; or mark host memory with '// host: <reason>'):\n" + String.join("\n", bad));
    }

    /** Lines of code (not comments, not Javadoc) matching {@link #BARE} without a {@code // host:} reason. */
    static void scan(String file, List<String> lines, List<String> bad) {
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i), code = line;
            if (inComment) {
                int end = code.indexOf("*/");
                if (end < 0) continue;
                code = code.substring(end + 2);
                inComment = false;
            }
            int open = code.indexOf("/*");
            if (open >= 0) {
                int end = code.indexOf("*/", open + 2);
                if (end < 0) inComment = true;
                code = end < 0 ? code.substring(0, open) : code.substring(0, open) + code.substring(end + 2);
            }
            int slash = code.indexOf("//");
            String comment = slash < 0 ? "" : code.substring(slash);
            if (slash >= 0) code = code.substring(0, slash);
            if (!BARE.matcher(code).find()) continue;
            if (comment.matches("//\\s*host:\\s*\\S.*")) continue;
            bad.add(file + ":" + (i + 1) + ": " + line.strip());
        }
    }

    @Test
    void theScannerSeesCodeAndSkipsCommentsAndReasons() {
        List<String> bad = new ArrayList<>();
        scan("X.java", List.of(
                "/** Tensor t = Tensor.empty(DType.INT64, 3); */",
                "/**",
                " * Device.CPU in Javadoc",
                " */",
                "Tensor a = Tensor.zeros(DType.INT64, 1);   // host: a flag",
                "Tensor b = Tensor.empty(t, n);",
                "x = y.to(Device.CPU); // no reason given",
                "Tensor c = x.newEmpty(t, n); /* Tensor.full( */",
                "Tensor d = Tensor.full(t, 1.0, n); // host:"), bad);
        assertTrue(bad.size() == 3 && bad.get(0).startsWith("X.java:6:") && bad.get(1).startsWith("X.java:7:")
                && bad.get(2).startsWith("X.java:9:"), bad.toString());
    }
}
