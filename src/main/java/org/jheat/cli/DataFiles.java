package org.jheat.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.io.DatasetInfo;
import org.jheat.io.IO;
import org.jheat.io.IOFailure;

/**
 * Reading a user's input and writing a command's results for the algorithm commands. Every check looks at the file
 * system or a file's metadata, which all processes see alike, so a bad name fails on every process before any data
 * moves. Results go to a temporary name beside the output and are renamed into place when complete, so an interrupted
 * run leaves no half-written output under the final name.
 *
 * <pre>{@code
 * DNDarray x = DataFiles.load("data.h5", "X", 0);
 * DataFiles.save(comm, "out.h5", Map.of("labels", labels));
 * }</pre>
 */
final class DataFiles {
    private DataFiles() { }

    /** The format of an input or output name; a one-line error naming the allowed extensions otherwise. */
    static IO.Format format(String path, String option) {
        try {
            return IO.Format.of(path);
        } catch (IOFailure e) {
            throw new IllegalArgumentException(option + " " + path + ": unsupported extension (use .h5, .nc, .csv, .npy or .zarr)");
        }
    }

    /** Checks that {@code output} has a known extension and that its directory exists (before any work is done). */
    static void checkOutput(String output) {
        if (output == null) return;
        format(output, "--output");
        Path parent = Path.of(output).toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new IllegalArgumentException("--output " + output + ": no such directory " + parent);
    }

    /**
     * Loads {@code dataset} of {@code input} split along {@code split}. HDF5, netCDF and Zarr need a dataset name unless
     * the file holds just one; a missing name is reported with the names that exist. Collective.
     */
    static DNDarray load(String input, String dataset, Integer split) {
        IO.Format f = checkInput(input, "--input");
        String name = resolveName(input, f, dataset, "--dataset");
        return IO.load(input, name, split, null);
    }

    private static IO.Format checkInput(String input, String option) {
        if (input == null) throw new IllegalArgumentException("missing " + option + " FILE");
        IO.Format f = format(input, option);
        if (!Files.exists(Path.of(input))) throw new IllegalArgumentException(option + " " + input + ": no such file");
        return f;
    }

    private static String resolveName(String input, IO.Format f, String dataset, String option) {
        if (f == IO.Format.NPY || f == IO.Format.CSV) {
            if (dataset != null) throw new IllegalArgumentException(option + " " + dataset + ": " + input + " holds one array and has no dataset names");
            return null;
        }
        List<DatasetInfo> list = IO.describe(input);
        if (dataset == null) {
            if (list.size() == 1) return list.get(0).name().isEmpty() ? null : list.get(0).name();
            throw new IllegalArgumentException(input + " holds " + list.size() + " arrays; name one with " + option + ": " + listing(list));
        }
        for (DatasetInfo d : list) if (d.name().equals(dataset) || ("/" + d.name()).equals(dataset)) return d.name();
        throw new IllegalArgumentException(option + " " + dataset + ": no such dataset in " + input + "; it holds: " + listing(list));
    }

    private static String listing(List<DatasetInfo> list) {
        if (list.isEmpty()) return "nothing";
        return list.stream().map(d -> (d.name().isEmpty() ? "(array)" : d.name()) + " " + org.jheat.tensor.Shapes.str(d.shape()) + " " + d.dtype())
                .collect(Collectors.joining(", "));
    }

    /** What {@link #vector} returns: the samples (with the target column removed when the target was a column) and y. */
    record XY(DNDarray x, DNDarray y) { }

    /**
     * A target or label vector for {@code x} named by {@code spec}: a whole number is a column of {@code x} (taken out
     * of the samples), a name with a data file extension is a file of its own, anything else a dataset of {@code input}.
     * Its length must match x's rows. Collective.
     */
    static XY vector(DNDarray x, String input, String spec, String option) {
        long n = x.gshape()[0], f = x.gshape()[1];
        DNDarray y;
        DNDarray rest = x;
        if (spec.matches("-?[0-9]+")) {
            long j = Long.parseLong(spec);
            if (j < 0) j += f;
            if (j < 0 || j >= f) throw new IllegalArgumentException(option + " " + spec + ": column out of range for " + f + " columns");
            if (f < 2) throw new IllegalArgumentException(option + " " + spec + ": the data has one column, none would be left as features");
            y = x.get(Index.all(), Index.idx(j));
            long[] keep = new long[(int) f - 1];
            for (int c = 0, t = 0; c < f; c++) if (c != j) keep[t++] = c;
            rest = x.get(Index.all(), Index.of(keep));
        } else {
            String file = input, name = spec;
            if (spec.matches(".*\\.(h5|hdf5|hdf|nc|nc4|netcdf|csv|npy|zarr)(:.*)?")) {
                int colon = spec.indexOf(':', spec.lastIndexOf('.'));
                file = colon < 0 ? spec : spec.substring(0, colon);
                name = colon < 0 ? null : spec.substring(colon + 1);
            }
            IO.Format fmt = checkInput(file, option);
            y = IO.load(file, resolveName(file, fmt, name, option), x.split() == null ? null : 0, null);
            if (y.ndim() == 2 && y.gshape()[1] == 1) y = y.reshape(y.gshape()[0]);
            if (y.ndim() != 1) throw new IllegalArgumentException(option + " " + spec + ": must be 1-D (or one column), has shape " + org.jheat.tensor.Shapes.str(y.gshape()));
        }
        if (y.gshape()[0] != n) throw new IllegalArgumentException(option + " " + spec + ": " + y.gshape()[0] + " values for " + n + " rows");
        return new XY(rest, y);
    }

    /**
     * Writes {@code arrays} (name → array, in order) to {@code output}: into one HDF5/netCDF file or Zarr store as named
     * datasets; for .npy/.csv the first array goes to {@code output} and each other one to {@code STEM.NAME.EXT}.
     * Returns the names written as "file" or "file:dataset". Collective.
     */
    static List<String> save(Communication comm, String output, Map<String, DNDarray> arrays) {
        IO.Format f = format(output, "--output");
        List<String> written = new ArrayList<>();
        if (f == IO.Format.NPY || f == IO.Format.CSV) {
            boolean first = true;
            for (Map.Entry<String, DNDarray> e : arrays.entrySet()) {
                String path = first ? output : sibling(output, e.getKey());
                IO.save(e.getValue(), path);   // npy/csv writers are atomic per file
                written.add(path);
                first = false;
            }
            return written;
        }
        Path target = Path.of(output).toAbsolutePath();
        long stamp = comm.allreduce(comm.rank() == 0 ? System.nanoTime() & 0xffffffffL : 0L, ReduceOp.SUM);
        String ext = output.substring(output.lastIndexOf('.'));
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part-" + stamp + ext);
        try {
            String mode = "w";
            for (Map.Entry<String, DNDarray> e : arrays.entrySet()) {
                DNDarray a = e.getValue();
                switch (f) {
                    case NETCDF -> {
                        String[] dims = new String[a.ndim()];
                        for (int i = 0; i < dims.length; i++) dims[i] = e.getKey() + "_dim" + i;
                        IO.saveNetcdf(a, tmp.toString(), e.getKey(), dims, mode);
                    }
                    case ZARR -> IO.saveZarr(a, tmp.toString(), e.getKey(), mode, null);
                    default -> IO.saveHdf5(a, tmp.toString(), e.getKey(), mode);
                }
                mode = "a";
                written.add(output + ":" + e.getKey());
            }
            comm.barrier();
            String err = "";
            if (comm.rank() == 0) {
                try {
                    if (Files.isDirectory(target)) deleteTree(target);
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException ex) {
                    err = ex.toString();
                }
            }
            if (comm.allreduce(err.isEmpty() ? 0L : 1L, ReduceOp.MAX) != 0) {
                throw new IllegalArgumentException("--output " + output + ": cannot rename the finished file into place" + (err.isEmpty() ? "" : " (" + err + ")"));
            }
        } finally {
            if (comm.rank() == 0 && Files.exists(tmp)) {
                try {
                    deleteTree(tmp);
                } catch (IOException ignored) {
                    // the temporary name starts with a dot and says .part: harmless if it stays
                }
            }
        }
        return written;
    }

    /** {@code out.npy} with name {@code centers} → {@code out.centers.npy}. */
    static String sibling(String output, String name) {
        int dot = output.lastIndexOf('.');
        return output.substring(0, dot) + "." + name + output.substring(dot);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
