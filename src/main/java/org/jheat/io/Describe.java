package org.jheat.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link IO#describe(String)} per format: a local walk over a file's metadata (no data is read).
 *
 * <pre>{@code List<DatasetInfo> l = Describe.describe(Path.of("x.h5")); }</pre>
 */
final class Describe {
    private Describe() { }

    /** The datasets of {@code path}, by its extension. */
    static List<DatasetInfo> describe(Path path) throws IOException {
        return switch (IO.Format.of(path.toString())) {
            case ZARR -> Zarr.describe(path);
            case HDF5 -> Hdf5Info.describe(path);
            case NETCDF -> NetcdfInfo.describe(path);
            case NPY -> List.of(Npy.describe(path));
            case CSV -> List.of(Csv.describe(path));
        };
    }
}
