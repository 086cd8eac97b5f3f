package org.jheat.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jheat.comm.Communication;
import org.jheat.comm.SingleProcess;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.core.Distribution;
import org.jheat.core.Redistribution;
import org.jheat.natives.Hdf5;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Several files as one array (Heat's {@code load_multiple_hdf5} and {@code load_csv_from_folder}).
 *
 * <p>HDF5: the files' headers are read by the processes in turn (each reads the headers of a share of the files)
 * and exchanged, so every process knows every file's shape; then each process reads, from every file that
 * intersects its slab of the concatenated array, just that intersection — so the result is balanced along any
 * split axis and no process reads data it does not keep. CSV: whole files are dealt to the processes, each parses
 * its files, and the rows are balanced afterwards.
 *
 * <pre>{@code
 * DNDarray x = MultiFile.loadHdf5(MultiFile.files("runs/*.h5", MultiFile.HDF5, comm), "data", 0, 0, null, comm);
 * }</pre>
 */
final class MultiFile {
    private MultiFile() { }

    /** File extensions of HDF5 files in a folder. */
    static final List<String> HDF5 = List.of(".h5", ".hdf5");

    private static final Communication SELF = new SingleProcess();

    /**
     * The files named by {@code pattern}, agreed on every process (rank 0 lists them): a directory (its files with
     * one of {@code extensions}, in name order), a glob in the last path component ({@code "runs/part_*.h5"}, name
     * order), or one file.
     */
    static List<Path> files(String pattern, List<String> extensions, Communication comm) {
        String listed = Collective.onRoot(comm, 0, () -> String.join("\n", list(pattern, extensions)));
        String joined = comm.bcast(comm.rank() == 0 ? listed : null, 0);
        return Arrays.stream(joined.split("\n")).map(Path::of).toList();
    }

    private static List<String> list(String pattern, List<String> extensions) throws IOException {
        Path p = Path.of(pattern);
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path f : ds) {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (Files.isRegularFile(f) && extensions.stream().anyMatch(n::endsWith)) out.add(f.toString());
                }
            }
            if (out.isEmpty()) throw new IOFailure(p + ": no " + String.join("/", extensions) + " files in the directory");
        } else if (p.getFileName() != null && p.getFileName().toString().matches(".*[*?\\[{].*")) {
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            if (!Files.isDirectory(dir)) throw new IOFailure(pattern + ": no such directory " + dir);
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path f : ds) if (Files.isRegularFile(f) && m.matches(f.getFileName())) out.add(f.toString());
            }
            if (out.isEmpty()) throw new IOFailure(pattern + ": no file matches");
        } else {
            FileSlabs.checkReadable(p);
            out.add(p.toString());
        }
        out.sort(null);
        return out;
    }

    // ------------------------------------------------------------------------------------------- hdf5

    /**
     * Loads {@code dataset} of every file in {@code files} (in that order) concatenated along {@code axis}, split
     * along {@code split} (null: replicated), converted to {@code dtype} (null: numpy's promotion of the files'
     * types). Collective.
     */
    static DNDarray loadHdf5(List<Path> files, String dataset, int axis, Integer split, DType dtype, Communication comm) {
        if (dataset == null || dataset.isEmpty()) throw new IOFailure(files.get(0) + ": no dataset name given");
        int p = comm.size(), r = comm.rank(), n = files.size();
        // 1. headers: each process reads those of its share of the files; everybody learns all of them
        long from = Distribution.start(n, p, r), cnt = Distribution.count(n, p, r);
        String mine = Collective.agree(comm, () -> {
            Hdf5Files.library(files.get(0));
            StringBuilder b = new StringBuilder();
            for (long i = from; i < from + cnt; i++) {
                Object[] h = header(files.get((int) i), dataset);
                long[] d = (long[]) h[0];
                b.append(((DType) h[1]).name());
                for (long x : d) b.append(' ').append(x);
                b.append('\n');
            }
            return b.toString();
        });
        long[][] shapes = new long[n][];
        DType[] types = new DType[n];
        int k = 0;
        for (int q = 0; q < p; q++) {
            String text = comm.bcast(q == r ? mine : null, q);
            for (String line : text.split("\n")) {
                if (line.isEmpty()) continue;
                String[] parts = line.split(" ");
                types[k] = DType.valueOf(parts[0]);
                shapes[k] = new long[parts.length - 1];
                for (int d = 1; d < parts.length; d++) shapes[k][d - 1] = Long.parseLong(parts[d]);
                k++;
            }
        }
        // 2. the same checks on every process
        int nd = shapes[0].length;
        if (axis < -nd || axis >= nd || nd == 0) {
            throw new IOFailure(files.get(0) + ": axis " + axis + " is out of range for dataset '" + dataset + "' of " + nd + " dimensions");
        }
        int ax = axis < 0 ? axis + nd : axis;
        DType t = types[0];
        long[] g = shapes[0].clone();
        g[ax] = 0;
        long[] offsets = new long[n + 1];
        for (int i = 0; i < n; i++) {
            long[] sh = shapes[i];
            boolean same = sh.length == nd;
            for (int d = 0; same && d < nd; d++) same = d == ax || sh[d] == shapes[0][d];
            if (!same) {
                throw new IOFailure(files.get(i) + ": dataset '" + dataset + "' has shape " + Shapes.str(sh) + ", but " + files.get(0)
                        + " has " + Shapes.str(shapes[0]) + " (only axis " + ax + " may differ)");
            }
            t = DType.promoteTypes(t, types[i]);
            offsets[i + 1] = offsets[i] + sh[ax];
        }
        g[ax] = offsets[n];
        DType out = dtype == null ? t : dtype;
        if (split != null && (split < -nd || split >= nd)) {
            throw new IOFailure(files.get(0) + ": split " + split + " is out of range for '" + dataset + "' of " + nd + " dimensions");
        }
        int s = split == null ? -1 : (split < 0 ? split + nd : split);
        long[] lshape = g.clone(), lstart = new long[nd];
        if (s >= 0) {
            lstart[s] = Distribution.start(g[s], p, r);
            lshape[s] = Distribution.count(g[s], p, r);
        }
        Tensor local = Tensor.empty(out, lshape);
        // 3. from every file, the part that lies in this process's slab
        Collective.agreeRun(comm, () -> {
            if (local.size() == 0) return;
            for (int i = 0; i < n; i++) {
                long lo = Math.max(offsets[i], ax == s ? lstart[s] : 0), hi = Math.min(offsets[i + 1], ax == s ? lstart[s] + lshape[s] : g[ax]);
                if (hi <= lo) continue;
                long[] fstart = new long[nd], count = lshape.clone();
                if (s >= 0 && s != ax) fstart[s] = lstart[s];
                fstart[ax] = lo - offsets[i];
                count[ax] = hi - lo;
                Tensor part = local.narrow(ax, lo - (ax == s ? lstart[s] : 0), hi - lo);
                readPart(files.get(i), dataset, types[i], fstart, count, part);
            }
        });
        return Redistribution.withMap(local, g, s, comm, Device.CPU);
    }

    /** {dims, dtype} of {@code dataset} in {@code file}; fails naming the file. */
    private static Object[] header(Path file, String dataset) {
        try (Arena a = Arena.ofConfined()) {
            FileSlabs.checkReadable(file);
            if (Hdf5.fIsHdf5(a.allocateFrom(file.toString())) <= 0) throw new IOFailure(file + ": not an HDF5 file");
            long f = Hdf5Files.check(Hdf5.fOpen(a.allocateFrom(file.toString()), Hdf5.F_ACC_RDONLY, Hdf5.P_DEFAULT), "H5Fopen", file);
            try {
                long d = Hdf5Files.openDataset(a, f, dataset, file);
                try {
                    Object[] m = Hdf5Files.describe(a, d, dataset, file);
                    if (Hdf5Files.ownsMemType((DType) m[1])) Hdf5.tClose((Long) m[2]);
                    return m;
                } finally {
                    Hdf5.dClose(d);
                }
            } finally {
                Hdf5.fClose(f);
            }
        }
    }

    /** Reads the hyperslab {fstart, count} of one file into {@code part} (converting when the types differ). */
    private static void readPart(Path file, String dataset, DType fileType, long[] fstart, long[] count, Tensor part) {
        try (Arena a = Arena.ofConfined()) {
            long f = Hdf5Files.check(Hdf5.fOpen(a.allocateFrom(file.toString()), Hdf5.F_ACC_RDONLY, Hdf5.P_DEFAULT), "H5Fopen", file);
            long d = -1, mem = -1;
            try {
                d = Hdf5Files.openDataset(a, f, dataset, file);
                Object[] m = Hdf5Files.describe(a, d, dataset, file);
                mem = (Long) m[2];
                long[] ones = new long[count.length];
                Arrays.fill(ones, 1);
                boolean direct = fileType == part.dtype() && part.isContiguous();
                Tensor dst = direct ? part : Tensor.empty(fileType, count);
                Hdf5Files.readSlab(a, d, mem, fstart, ones, count, dst.data(), dataset, file);
                if (!direct) {
                    part.copyFrom(dst);
                    dst.storage().free();
                }
            } finally {
                if (mem >= 0 && Hdf5Files.ownsMemType(fileType)) Hdf5.tClose(mem);
                if (d >= 0) Hdf5.dClose(d);
                Hdf5.fClose(f);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- csv

    /**
     * Loads every {@code .csv} file of {@code dir} (name order) with {@code options} as one array (rows of all
     * files, in order), split along {@code split}. Files are dealt to the processes; all must have the same number
     * of columns. Collective.
     */
    static DNDarray loadCsvFolder(Path dir, CsvOptions options, DType dtype, Integer split, Communication comm) {
        DType t = dtype == null ? DType.FLOAT64 : dtype;
        if (split != null && (split < -2 || split > 1)) throw new IOFailure(dir + ": split must be null, 0 or 1 for CSV data (2-d), got " + split);
        Collective.agreeRun(comm, () -> {
            if (!Files.isDirectory(dir)) throw new IOFailure(dir + ": no such directory");
        });
        List<Path> files = files(dir.toString(), List.of(".csv"), comm);
        int p = comm.size(), r = comm.rank(), n = files.size();
        long from = Distribution.start(n, p, r), cnt = Distribution.count(n, p, r);
        List<Tensor> parts = Collective.agree(comm, () -> {
            List<Tensor> l = new ArrayList<>();
            for (long i = from; i < from + cnt; i++) l.add(Csv.load(files.get((int) i), options, t, 0, SELF).larray());
            return l;
        });
        // the columns of the first file that has rows decide; a file with other columns is named
        long mineCols = -1;
        for (Tensor x : parts) {
            if (x.shape(0) > 0) {
                mineCols = x.shape(1);
                break;
            }
        }
        long cols = -1;
        for (long c : comm.allgather(mineCols)) {
            if (c >= 0) {
                cols = c;
                break;
            }
        }
        final long want = Math.max(0, cols);
        Collective.agreeRun(comm, () -> {
            for (int i = 0; i < parts.size(); i++) {
                Tensor x = parts.get(i);
                if (x.shape(0) > 0 && x.shape(1) != want) {
                    throw new IOFailure(files.get((int) (from + i)) + ": has " + x.shape(1) + " columns, the other files have " + want);
                }
            }
        });
        long rows = 0;
        for (Tensor x : parts) rows += x.shape(0);
        Tensor local = Tensor.empty(t, rows, want);
        long at = 0;
        for (Tensor x : parts) {
            if (x.shape(0) == 0) continue;
            local.narrow(0, at, x.shape(0)).copyFrom(x);
            at += x.shape(0);
            if (x.storage() != null) x.storage().free();
        }
        long[] counts = comm.allgather(rows);
        long[] g = {Distribution.total(counts), want};
        long[][] map = new long[p][];
        for (int q = 0; q < p; q++) map[q] = new long[] {counts[q], want};
        DNDarray x = new DNDarray(local, g, 0, comm, Device.CPU, map).balance();
        int s = split == null ? -1 : (split < 0 ? split + 2 : split);
        return s == 0 ? x : x.resplit(s < 0 ? null : s);
    }
}
