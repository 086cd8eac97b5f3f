package org.jheat.io;

import java.util.Arrays;
import java.util.Map;

import org.jheat.tensor.Shapes;

/**
 * One dataset (HDF5), variable (netCDF), array (Zarr) or the single array of an {@code .npy}/{@code .csv} file, as
 * {@link IO#describe(String)} lists it: the name to pass to {@code load}, the shape, the element type as stored in the
 * file (numpy's name, e.g. "uint16" or "float32"), the chunk shape (null: contiguous), the compression, the
 * dimension names (netCDF, with "(unlimited)" marked; else null) and the attributes.
 *
 * <pre>{@code
 * for (DatasetInfo d : IO.describe("data.h5")) System.out.println(d);   // grp/t  (100, 5)  float32  chunks (10, 5)  gzip(level 4)
 * }</pre>
 *
 * @param name        the name to load it by ("" for a file or store that is one array)
 * @param shape       the shape
 * @param dtype       the stored element type, numpy's name
 * @param chunks      the chunk shape, or null when stored contiguously
 * @param compression "none" or the filters/codecs, e.g. "blosc(lz4, clevel 5, shuffle)"
 * @param dimensions  netCDF dimension names, else null
 * @param attributes  the attributes (may be empty)
 */
public record DatasetInfo(String name, long[] shape, String dtype, long[] chunks, String compression, String[] dimensions,
                          Map<String, Object> attributes) {

    /** One line: name, shape, dtype, chunks, compression, dimensions. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name.isEmpty() ? "(array)" : name).append("  ").append(Shapes.str(shape)).append("  ").append(dtype);
        b.append("  ").append(chunks == null ? "contiguous" : "chunks " + Shapes.str(chunks));
        b.append("  ").append(compression);
        if (dimensions != null) b.append("  dims ").append(Arrays.toString(dimensions));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetInfo d && d.name.equals(name) && Arrays.equals(d.shape, shape) && d.dtype.equals(dtype)
                && Arrays.equals(d.chunks, chunks) && d.compression.equals(compression) && Arrays.equals(d.dimensions, dimensions)
                && d.attributes.equals(attributes);
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(name, Arrays.hashCode(shape), dtype, compression); }
}
