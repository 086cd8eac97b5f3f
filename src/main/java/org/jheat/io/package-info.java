/**
 * Parallel file I/O (Heat's {@code ht.load}/{@code ht.save}): HDF5 and netCDF-4 through their C libraries (FFM
 * bindings in {@link org.jheat.natives}), Zarr v2/v3 stores with jheat's own metadata and chunk handling (Blosc and
 * Zstandard through FFM, gzip/zlib through Java), CSV and numpy's {@code .npy} in pure Java, several files read as one
 * array, and listings of what a file holds ({@link org.jheat.io.IO#describe}, {@link org.jheat.io.IO#attributes}).
 * Every process reads and writes only its own slab of the file; new files appear atomically (temporary name, renamed
 * when complete); every failure is an {@link org.jheat.io.IOFailure} thrown alike on all processes. Entry points are
 * the static methods of {@link org.jheat.io.IO}.
 *
 * <pre>{@code
 * DNDarray x = IO.load("data.h5", "temperature", 0);
 * DNDarray z = IO.loadZarr("c.zarr", "temp", 0);
 * IO.saveCsv(x, "t.csv", ",", "a,b,c", 3);
 * }</pre>
 */
package org.jheat.io;
