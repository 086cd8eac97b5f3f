package org.jheat.io;

import java.nio.file.Path;
import java.util.Locale;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;

/**
 * Parallel file I/O, Heat's {@code ht.load}/{@code ht.save} family: every process reads and writes only its own
 * slab of the file. All methods are collective (every process calls them with the same arguments) and fail with
 * an {@link IOFailure} that every process throws alike. New files appear atomically: they are written under a
 * temporary name and renamed when complete.
 *
 * <pre>{@code
 * DNDarray x = IO.load("data.h5", "temperature", 0);     // HDF5 dataset, rows split over the processes
 * DNDarray y = IO.loadCsv("table.csv", ",", 1, DType.FLOAT64, 0);
 * IO.save(x, "copy.npy");
 * }</pre>
 */
public final class IO {
    private IO() { }

    /** The formats {@link #load}/{@link #save} recognise by file extension. */
    public enum Format {
        /** HDF5: {@code .h5}, {@code .hdf5}, {@code .hdf}. */ HDF5,
        /** netCDF-4: {@code .nc}, {@code .nc4}, {@code .netcdf}. */ NETCDF,
        /** Comma-separated text: {@code .csv}. */ CSV,
        /** numpy's binary format: {@code .npy}. */ NPY,
        /** A Zarr v2 or v3 directory store: {@code .zarr}. */ ZARR;

        /**
         * The format of a file name, by extension (case-insensitive).
         * <pre>{@code IO.Format f = IO.Format.of("x.h5");   // HDF5 }</pre>
         *
         * @throws IOFailure for any other extension, listing the supported ones
         */
        public static Format of(String path) {
            Path fn = Path.of(path).getFileName();
            String n = fn == null ? "" : fn.toString().toLowerCase(Locale.ROOT);
            while (n.endsWith("/")) n = n.substring(0, n.length() - 1);
            int dot = n.lastIndexOf('.');
            String ext = dot < 0 ? "" : n.substring(dot + 1);
            return switch (ext) {
                case "h5", "hdf5", "hdf" -> HDF5;
                case "nc", "nc4", "netcdf" -> NETCDF;
                case "csv" -> CSV;
                case "npy" -> NPY;
                case "zarr" -> ZARR;
                default -> throw new IOFailure(path + ": unsupported file extension '" + ext
                        + "' (supported: .h5/.hdf5/.hdf, .nc/.nc4/.netcdf, .csv, .npy, .zarr)");
            };
        }
    }

    /**
     * {@code x} as {@code dtype} (null or the same: x itself) — what a load with an explicit dtype returns. Local.
     * Complex types convert part by part; complex to real keeps the real part, as numpy's {@code astype}.
     */
    static DNDarray convert(DNDarray x, DType dtype) {
        if (dtype == null || dtype == x.dtype()) return x;
        // the tensor conversion directly: DNDarray.astype does not take complex targets yet
        return new DNDarray(x.larray().astype(dtype), x.gshape(), x.splitAxis() < 0 ? null : x.splitAxis(), x.comm(), x.lshapeMap());
    }

    private static Communication world() { return Communications.world(); }

    // ------------------------------------------------------------------------------------------- npy

    /**
     * Loads a {@code .npy} file split along {@code split} (null: replicated), each process reading only its slab.
     * <pre>{@code DNDarray x = IO.loadNpy("x.npy", 0); }</pre>
     */
    public static DNDarray loadNpy(String path, Integer split) {
        return Npy.load(Path.of(path), null, split, world());
    }

    /**
     * Loads a {@code .npy} file converted to {@code dtype} (null: the file's type).
     * <pre>{@code DNDarray x = IO.loadNpy("x.npy", DType.FLOAT32, 0); }</pre>
     */
    public static DNDarray loadNpy(String path, DType dtype, Integer split) {
        return Npy.load(Path.of(path), dtype, split, world());
    }

    /**
     * Loads part of a {@code .npy} file ({@code slices}, one per leading axis, positive steps), split along
     * {@code split}, converted to {@code dtype} (null: the file's type); each process touches only the pages of its
     * part (the file is memory-mapped).
     * <pre>{@code DNDarray x = IO.loadNpy("x.npy", 0, null, Slice.of(100, 200), Slice.of(0L, null, 2)); }</pre>
     */
    public static DNDarray loadNpy(String path, Integer split, DType dtype, Slice... slices) {
        return Npy.load(Path.of(path), dtype, split, slices, world());
    }

    /**
     * Saves {@code x} as one {@code .npy} file, each process writing its rows at their offset (atomic on create).
     * <pre>{@code IO.saveNpy(x, "x.npy"); }</pre>
     */
    public static void saveNpy(DNDarray x, String path) {
        Npy.save(x, Path.of(path));
    }

    /**
     * Loads all {@code .npy} files of a directory (name order) concatenated along {@code split}; each process reads
     * whole files, the files being dealt to the processes (Heat's {@code load_npy_from_path}).
     * <pre>{@code DNDarray x = IO.loadNpyFromPath("shards", null, 0); }</pre>
     */
    public static DNDarray loadNpyFromPath(String dir, DType dtype, int split) {
        return Npy.loadFromPath(Path.of(dir), dtype, split, world());
    }

    // ------------------------------------------------------------------------------------------- csv

    /**
     * Loads a CSV file of numbers as a 2-d array (rows × fields), skipping {@code headerLines} lines. With split 0
     * each process parses only its byte range of the file; split 1 or null parse by rows and then resplit.
     * {@code sep} is one character, or null for runs of blanks/tabs. {@code dtype} null means float64.
     * <pre>{@code DNDarray x = IO.loadCsv("iris.csv", ",", 1, DType.FLOAT32, 0); }</pre>
     */
    public static DNDarray loadCsv(String path, String sep, int headerLines, DType dtype, Integer split) {
        return Csv.load(Path.of(path), sep, headerLines, dtype, split, world());
    }

    /**
     * {@link #loadCsv(String, String, int, DType, Integer)} with ",", no header lines and float64.
     * <pre>{@code DNDarray x = IO.loadCsv("x.csv", 0); }</pre>
     */
    public static DNDarray loadCsv(String path, Integer split) {
        return loadCsv(path, ",", 0, null, split);
    }

    /**
     * Loads a CSV file with {@code options}: RFC 4180 quotes, comments, a column selection ({@code usecols}) and a
     * rule for text fields (error, NaN, or skip text columns); see {@link CsvOptions}. {@code dtype} null: float64.
     * <pre>{@code DNDarray x = IO.loadCsv("people.csv", CsvOptions.defaults().headerLines(1).text(CsvOptions.Text.SKIP), null, 0); }</pre>
     */
    public static DNDarray loadCsv(String path, CsvOptions options, DType dtype, Integer split) {
        return Csv.load(Path.of(path), options, dtype, split, world());
    }

    /**
     * Loads every {@code .csv} file of a folder (in name order) as one array: the rows of all files, which must have
     * the same columns, split along {@code split}; whole files are dealt to the processes (Heat's
     * {@code load_csv_from_folder}; header lines are skipped in every file).
     * <pre>{@code DNDarray x = IO.loadCsvFromFolder("daily/", CsvOptions.defaults().headerLines(1), DType.FLOAT32, 0); }</pre>
     */
    public static DNDarray loadCsvFromFolder(String dir, CsvOptions options, DType dtype, Integer split) {
        return MultiFile.loadCsvFolder(Path.of(dir), options, dtype, split, world());
    }

    /**
     * Saves a 1-d or 2-d array as CSV: rank 0 writes {@code header} (null: none; a trailing newline is added), each
     * process formats its rows and writes them at their byte offset. {@code decimals} &lt; 0 writes the shortest
     * text that reads back to the same value; otherwise fixed-point with that many digits after the point.
     * <pre>{@code IO.saveCsv(x, "x.csv", ",", "a,b,c", 3); }</pre>
     */
    public static void saveCsv(DNDarray x, String path, String sep, String header, int decimals) {
        Csv.save(x, Path.of(path), sep, header, decimals);
    }

    /** {@link #saveCsv(DNDarray, String, String, String, int)} with ",", no header and shortest round-trip numbers. */
    public static void saveCsv(DNDarray x, String path) {
        saveCsv(x, path, ",", null, -1);
    }

    // ------------------------------------------------------------------------------------------- hdf5

    /**
     * Loads an HDF5 dataset split along {@code split} (null: replicated); each process reads only its hyperslab.
     * <pre>{@code DNDarray x = IO.loadHdf5("d.h5", "data", 0); }</pre>
     */
    public static DNDarray loadHdf5(String path, String dataset, Integer split) {
        return Hdf5Files.load(Path.of(path), dataset, split, null, new Slice[0], world());
    }

    /**
     * Loads part of an HDF5 dataset ({@code slices}, one per leading axis) converted to {@code dtype} (null: the
     * dataset's type).
     * <pre>{@code DNDarray x = IO.loadHdf5("d.h5", "data", 0, DType.FLOAT32, Slice.of(100, 200)); }</pre>
     */
    public static DNDarray loadHdf5(String path, String dataset, Integer split, DType dtype, Slice... slices) {
        return Hdf5Files.load(Path.of(path), dataset, split, dtype, slices, world());
    }

    /**
     * Saves {@code x} as an HDF5 dataset; mode "w" (new file, atomic) or "a" (add to / replace in an existing file).
     * Parallel HDF5 writes collectively through MPI-IO.
     * <pre>{@code IO.saveHdf5(x, "out.h5", "data", "w"); }</pre>
     */
    public static void saveHdf5(DNDarray x, String path, String dataset, String mode) {
        Hdf5Files.save(x, Path.of(path), dataset, mode, 0);
    }

    /**
     * Like {@link #saveHdf5(DNDarray, String, String, String)} with a chunked dataset compressed with gzip
     * {@code level} 1..9 (0: contiguous, uncompressed).
     * <pre>{@code IO.saveHdf5(x, "out.h5", "data", "w", 4); }</pre>
     */
    public static void saveHdf5(DNDarray x, String path, String dataset, String mode, int gzipLevel) {
        Hdf5Files.save(x, Path.of(path), dataset, mode, gzipLevel);
    }

    /**
     * Loads {@code dataset} from several HDF5 files as one array, concatenated along axis 0 and split along 0 (Heat's
     * {@code load_multiple_hdf5}). {@code files} is a folder (its {@code .h5}/{@code .hdf5} files in name order), a
     * glob such as {@code "runs/part_*.h5"} (name order) or one file. Each process reads from each file only the
     * rows that fall into its slab.
     * <pre>{@code DNDarray x = IO.loadMultipleHdf5("runs/", "data"); }</pre>
     */
    public static DNDarray loadMultipleHdf5(String files, String dataset) {
        return loadMultipleHdf5(files, dataset, 0, 0, null);
    }

    /**
     * {@link #loadMultipleHdf5(String, String)} concatenated along {@code axis} (the only axis whose length may differ
     * between the files), split along {@code split} (null: replicated), converted to {@code dtype} (null: numpy's
     * promotion of the files' types).
     * <pre>{@code DNDarray x = IO.loadMultipleHdf5("runs/*.h5", "data", 1, 0, DType.FLOAT32); }</pre>
     */
    public static DNDarray loadMultipleHdf5(String files, String dataset, int axis, Integer split, DType dtype) {
        return MultiFile.loadHdf5(MultiFile.files(files, MultiFile.HDF5, world()), dataset, axis, split, dtype, world());
    }

    /**
     * {@link #loadMultipleHdf5(String, String, int, Integer, DType)} of an explicit list of files, in that order.
     * <pre>{@code DNDarray x = IO.loadMultipleHdf5(List.of("a.h5", "b.h5"), "data", 0, 0, null); }</pre>
     */
    public static DNDarray loadMultipleHdf5(java.util.List<String> files, String dataset, int axis, Integer split, DType dtype) {
        if (files == null || files.isEmpty()) throw new IOFailure("loadMultipleHdf5: no files given");
        Collective.agreeRun(world(), () -> {
            for (String f : files) FileSlabs.checkReadable(Path.of(f));
        });
        return MultiFile.loadHdf5(files.stream().map(Path::of).toList(), dataset, axis, split, dtype, world());
    }

    // ------------------------------------------------------------------------------------------- netcdf

    /**
     * Loads a netCDF variable split along {@code split} (null: replicated); each process reads only its hyperslab.
     * <pre>{@code DNDarray t = IO.loadNetcdf("climate.nc", "temp", 0); }</pre>
     */
    public static DNDarray loadNetcdf(String path, String variable, Integer split) {
        return NetcdfFiles.load(Path.of(path), variable, split, null, world());
    }

    /**
     * Loads a netCDF variable converted to {@code dtype} (null: the variable's type).
     * <pre>{@code DNDarray t = IO.loadNetcdf("climate.nc", "temp", 0, DType.FLOAT32); }</pre>
     */
    public static DNDarray loadNetcdf(String path, String variable, Integer split, DType dtype) {
        return NetcdfFiles.load(Path.of(path), variable, split, dtype, world());
    }

    /**
     * Loads part of a netCDF variable ({@code slices}, one per leading axis, positive steps) converted to
     * {@code dtype} (null: the variable's type); each process reads its part with one strided read.
     * <pre>{@code DNDarray t = IO.loadNetcdf("climate.nc", "temp", 0, null, Slice.of(0L, null, 24)); }</pre>
     */
    public static DNDarray loadNetcdf(String path, String variable, Integer split, DType dtype, Slice... slices) {
        return NetcdfFiles.load(Path.of(path), variable, split, dtype, slices, world());
    }

    /**
     * Like {@link #saveNetcdf(DNDarray, String, String, String[], String)}; with {@code unlimited} the dimensions this
     * call creates are unlimited (Heat's {@code is_unlimited}), so the variable can grow along them later.
     * <pre>{@code IO.saveNetcdf(x, "out.nc", "temp", new String[] {"time", "lat"}, "w", true); }</pre>
     */
    public static void saveNetcdf(DNDarray x, String path, String variable, String[] dimensionNames, String mode, boolean unlimited) {
        NetcdfFiles.save(x, Path.of(path), variable, dimensionNames, mode, unlimited);
    }

    /**
     * Saves {@code x} as a netCDF-4 variable; {@code dimensionNames} null gives dim_0, dim_1, …; mode "w" (new
     * file, atomic) or "a" (add to an existing file).
     * <pre>{@code IO.saveNetcdf(x, "out.nc", "temp", new String[] {"time", "lat"}, "w"); }</pre>
     */
    public static void saveNetcdf(DNDarray x, String path, String variable, String[] dimensionNames, String mode) {
        NetcdfFiles.save(x, Path.of(path), variable, dimensionNames, mode);
    }

    // ------------------------------------------------------------------------------------------- zarr

    /**
     * Loads a Zarr store that is one array (v2 or v3) split along {@code split}; each process reads and decodes only
     * the chunks that intersect its slab (Heat's {@code load_zarr}).
     * <pre>{@code DNDarray x = IO.loadZarr("x.zarr", 0); }</pre>
     */
    public static DNDarray loadZarr(String path, Integer split) {
        return Zarr.load(Path.of(path), null, split, null, new Slice[0], world());
    }

    /**
     * Loads array {@code name} (a path such as "grp/temp"; null when the store is the array) of a Zarr store. A name
     * with {@code *} is Heat's wildcard: every matching array (glob rules per path component, name order) is loaded,
     * concatenated along {@code split} (required) and balanced.
     * <pre>{@code DNDarray t = IO.loadZarr("climate.zarr", "temp", 0);
     * DNDarray r = IO.loadZarr("run.zarr", "RECEIVER_*" + "/DATA", 0); }</pre>
     */
    public static DNDarray loadZarr(String path, String name, Integer split) {
        return Zarr.load(Path.of(path), name, split, null, new Slice[0], world());
    }

    /**
     * Loads part of a Zarr array ({@code slices}, one per leading axis, positive steps) converted to {@code dtype}
     * (null: the stored type; uint16/uint32 widen to int32/int64, float16 to float32).
     * <pre>{@code DNDarray t = IO.loadZarr("c.zarr", "temp", 1, DType.FLOAT32, Slice.of(0L, null, 2)); }</pre>
     */
    public static DNDarray loadZarr(String path, String name, Integer split, DType dtype, Slice... slices) {
        return Zarr.load(Path.of(path), name, split, dtype, slices, world());
    }

    /**
     * Saves {@code x} as a Zarr v2 store that is one array, with zarr-python's defaults (Blosc/LZ4); an existing
     * store is replaced only when {@code overwrite} (Heat's {@code save_zarr}).
     * <pre>{@code IO.saveZarr(x, "x.zarr", true); }</pre>
     */
    public static void saveZarr(DNDarray x, String path, boolean overwrite) {
        Zarr.save(x, Path.of(path), null, overwrite ? "w" : "w-", ZarrOptions.defaults());
    }

    /**
     * Saves {@code x} as Zarr array {@code name} (null: the store is the array) with {@code options} (null:
     * defaults). Mode "w-" fails when the array exists, "w" replaces the store, "a" adds the array to an existing
     * store. Every process writes its own chunks in parallel; the result appears atomically.
     * <pre>{@code IO.saveZarr(x, "out.zarr", "grp/t", "a", ZarrOptions.defaults().format(3).compressor("zstd", 3)); }</pre>
     */
    public static void saveZarr(DNDarray x, String path, String name, String mode, ZarrOptions options) {
        Zarr.save(x, Path.of(path), name, mode, options);
    }

    // ------------------------------------------------------------------------------------------- listing

    /**
     * The datasets (HDF5, recursively), variables (netCDF), arrays (Zarr, recursively) or the one array of an
     * {@code .npy}/{@code .csv} file, with shapes, stored dtypes, chunking, compression and attributes, so that a user
     * can find the name to load. Collective (every process reads the metadata; failures are agreed).
     * <pre>{@code for (DatasetInfo d : IO.describe("data.h5")) Heat.print0(d); }</pre>
     */
    public static java.util.List<DatasetInfo> describe(String path) {
        return Collective.agree(world(), () -> Describe.describe(Path.of(path)));
    }

    /**
     * The attributes of dataset/group {@code name} (HDF5; null: the root group), variable {@code name} (netCDF;
     * null: the global attributes) or array/group {@code name} (Zarr; null: the store's root) as name → value:
     * {@code String}, {@code Long}, {@code Double}, {@code Boolean}, arrays of those for non-scalar attributes, and
     * for Zarr whatever the JSON holds (maps, lists). {@code .npy} and {@code .csv} files have none (empty map).
     * Collective.
     * <pre>{@code Object units = IO.attributes("data.h5", "temperature").get("units"); }</pre>
     */
    public static java.util.Map<String, Object> attributes(String path, String name) {
        return Collective.agree(world(), () -> switch (Format.of(path)) {
            case HDF5 -> Hdf5Info.attributes(Path.of(path), name);
            case NETCDF -> NetcdfInfo.attributes(Path.of(path), name);
            case ZARR -> Zarr.attributes(Path.of(path), name);
            case NPY, CSV -> {
                FileSlabs.checkReadable(Path.of(path));
                yield new java.util.LinkedHashMap<>();
            }
        });
    }

    // ------------------------------------------------------------------------------------------- dispatch

    /**
     * Loads a file by extension, replicated (no split): {@code .npy}, {@code .csv} (comma-separated, no header) or a
     * {@code .zarr} store that is one array.
     * <pre>{@code DNDarray x = IO.load("x.npy"); }</pre>
     */
    public static DNDarray load(String path) {
        return load(path, (Integer) null);
    }

    /**
     * Loads a {@code .npy}, {@code .csv} or single-array {@code .zarr} split along {@code split}; HDF5 and netCDF need
     * a dataset name.
     * <pre>{@code DNDarray x = IO.load("x.csv", 0); }</pre>
     */
    public static DNDarray load(String path, Integer split) {
        return switch (Format.of(path)) {
            case NPY -> loadNpy(path, split);
            case CSV -> loadCsv(path, split);
            case ZARR -> loadZarr(path, split);
            case HDF5, NETCDF -> throw new IOFailure(path + ": loading HDF5/netCDF needs a dataset or variable name: load(path, name, split)");
        };
    }

    /**
     * Loads a dataset (HDF5), variable (netCDF) or array (Zarr) split along {@code split}, by extension as Heat's
     * {@code ht.load}.
     * <pre>{@code DNDarray x = IO.load("d.h5", "data", 0); DNDarray t = IO.load("c.nc", "temp", 0); }</pre>
     */
    public static DNDarray load(String path, String name, Integer split) {
        return load(path, name, split, null);
    }

    /**
     * {@link #load(String, String, Integer)} converted to {@code dtype}; for {@code .npy}/{@code .csv} {@code name}
     * must be null.
     * <pre>{@code DNDarray x = IO.load("d.h5", "data", 0, DType.FLOAT32); }</pre>
     */
    public static DNDarray load(String path, String name, Integer split, DType dtype) {
        return switch (Format.of(path)) {
            case HDF5 -> loadHdf5(path, name, split, dtype);
            case NETCDF -> loadNetcdf(path, name, split, dtype);
            case ZARR -> loadZarr(path, name, split, dtype);
            case NPY, CSV -> {
                if (name != null) throw new IOFailure(path + ": .npy and .csv files have no dataset names (got '" + name + "')");
                yield Format.of(path) == Format.NPY ? loadNpy(path, dtype, split) : loadCsv(path, ",", 0, dtype, split);
            }
        };
    }

    /**
     * Saves by extension: {@code .npy}, {@code .csv}, {@code .zarr}; HDF5/netCDF use the dataset/variable name "data"
     * and mode "w".
     * <pre>{@code IO.save(x, "x.npy"); }</pre>
     */
    public static void save(DNDarray x, String path) {
        save(x, path, null, "w");
    }

    /**
     * Saves by extension into dataset/variable/array {@code name} (null: "data" for HDF5/netCDF, the store itself for
     * Zarr; must be null for npy/csv) with {@code mode} "w" or "a" (HDF5/netCDF/Zarr; npy/csv always write a new file).
     * <pre>{@code IO.save(x, "out.h5", "grp/x", "a"); }</pre>
     */
    public static void save(DNDarray x, String path, String name, String mode) {
        switch (Format.of(path)) {
            case HDF5 -> saveHdf5(x, path, name == null ? "data" : name, mode);
            case NETCDF -> saveNetcdf(x, path, name == null ? "data" : name, null, mode);
            case ZARR -> saveZarr(x, path, name, mode, ZarrOptions.defaults());
            case NPY, CSV -> {
                if (name != null) throw new IOFailure(path + ": .npy and .csv files have no dataset names (got '" + name + "')");
                if (Format.of(path) == Format.NPY) saveNpy(x, path);
                else saveCsv(x, path);
            }
        }
    }
}
